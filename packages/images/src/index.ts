export {
  assertPixelBudget,
  ImageRejectedError,
  makeThumbnail,
  MAX_PIXELS,
  processUpload,
  THUMBNAIL_WIDTH,
  type ProcessedImage,
  type UploadRules,
} from './process.js';
export { newProductImageKey, thumbnailKeyOf } from './keys.js';
