export { ImageRejectedError, makeThumbnail, processUpload, THUMBNAIL_WIDTH, type ProcessedImage, type UploadRules } from './process.js';
