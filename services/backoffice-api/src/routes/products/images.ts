import { badRequest, unsupportedMediaType } from '@brandi/http';
import { hasJpegMagic, readJpegSize } from './jpeg.js';
import type { UploadedFile } from './multipart.js';

export const MAX_IMAGES = 5;

export interface CheckedImage {
  buffer: Buffer;
  width: number;
  height: number;
}

export interface ImageRules {
  minWidth: number;
  minHeight: number;
}

const JPEG_NAME = /\.jpe?g$/i;

/**
 * Every uploaded file must be named .jpg/.jpeg (any case), start with the JPEG magic bytes and have a
 * readable header at least minWidth × minHeight. Throws 415 for anything that is not a JPEG, 400 for size.
 */
export function checkImages(files: readonly UploadedFile[], rules: ImageRules): CheckedImage[] {
  if (files.length > MAX_IMAGES) throw badRequest(`At most ${MAX_IMAGES} images`, [{ field: 'images', message: `must hold at most ${MAX_IMAGES} files` }]);
  return files.map((file, index) => {
    const field = `images.${index}`;
    if (!JPEG_NAME.test(file.filename)) {
      throw unsupportedMediaType(`Image ${index} must be a .jpg or .jpeg file`);
    }
    if (!hasJpegMagic(file.buffer)) throw unsupportedMediaType(`Image ${index} is not a JPEG`);
    const size = readJpegSize(file.buffer);
    if (!size) throw unsupportedMediaType(`Image ${index} is not a readable JPEG`);
    if (size.width < rules.minWidth || size.height < rules.minHeight) {
      throw badRequest(`Image ${index} is too small`, [
        { field, message: `must be at least ${rules.minWidth}×${rules.minHeight} pixels (is ${size.width}×${size.height})` },
      ]);
    }
    return { buffer: file.buffer, width: size.width, height: size.height };
  });
}
