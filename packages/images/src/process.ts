import sharp, { type Metadata } from 'sharp';
import { createSlots, IMAGE_SLOTS } from './slots.js';

// Every upload is a new image: libvips' operation cache would only hold memory.
sharp.cache(false);

export const THUMBNAIL_WIDTH = 360;
/** 40 megapixels: well above any phone camera, and a hard bound on the memory one decode may take. */
export const MAX_PIXELS = 40_000_000;

const JPEG_OUTPUT = { quality: 82, mozjpeg: false } as const;
// effort 2 of 6: ~3× faster than the default on detailed photos for a few percent more bytes.
const WEBP_OUTPUT = { quality: 75, effort: 2 } as const;
// 'error' also fails on truncated data (libvips' levels nest: truncated < error < warning); 'warning' would
// refuse real camera files over harmless libjpeg warnings such as extraneous bytes before a marker.
const INPUT = { failOn: 'error', limitInputPixels: MAX_PIXELS, autoOrient: true } as const;

const inSlot = createSlots(IMAGE_SLOTS);

export interface UploadRules {
  minWidth: number;
  minHeight: number;
}

export interface ProcessedImage {
  /** The image re-encoded as a baseline JPEG, upright, without any metadata (EXIF, GPS, XMP, comments). */
  jpeg: Buffer;
  /** A THUMBNAIL_WIDTH px wide WebP of it (never enlarged). */
  thumbnail: Buffer;
  width: number;
  height: number;
}

export type RejectReason = 'undecodable' | 'too_many_pixels' | 'too_small';

/** The bytes are not an image this service will store; `message` is safe to show the client. */
export class ImageRejectedError extends Error {
  override readonly name = 'ImageRejectedError';
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Decodes an uploaded JPEG in full (libvips, off the main thread) and re-encodes it: what does not decode as a
 * whole image, declares more than MAX_PIXELS or is smaller than the rules is rejected. Bytes after the image
 * (an appended HTML page, a phone's motion-photo trailer) and every metadata block are not carried over.
 */
export function processUpload(input: Buffer, rules: UploadRules): Promise<ProcessedImage> {
  return inSlot(async () => {
    const { width, height } = await readOrientedSize(input);
    assertPixelBudget(width, height);
    if (width < rules.minWidth || height < rules.minHeight) {
      throw new ImageRejectedError('too_small', `must be at least ${rules.minWidth}×${rules.minHeight} pixels (is ${width}×${height})`);
    }
    const source = sharp(input, INPUT);
    const [jpeg, thumbnail] = await Promise.all([
      source.clone().jpeg(JPEG_OUTPUT).toBuffer({ resolveWithObject: true }),
      source.clone().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp(WEBP_OUTPUT).toBuffer(),
    ]).catch(async (err: unknown) => {
      throw await rejectionOf(err, input);
    });
    return { jpeg: jpeg.data, thumbnail, width: jpeg.info.width, height: jpeg.info.height };
  });
}

/** Throws when a declared size is past MAX_PIXELS: callers that read a header themselves check it first. */
export function assertPixelBudget(width: number, height: number): void {
  if (width * height > MAX_PIXELS)
    throw new ImageRejectedError('too_many_pixels', `declares ${width}×${height} pixels, more than ${MAX_PIXELS / 1_000_000} megapixels`);
}

/** The list thumbnail of an image already stored (the one-off backfill); throws when it does not decode. */
export function makeThumbnail(image: Buffer): Promise<Buffer> {
  return inSlot(() => sharp(image, INPUT).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp(WEBP_OUTPUT).toBuffer());
}

async function readOrientedSize(input: Buffer): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { ...INPUT, limitInputPixels: false }).metadata();
  } catch (err) {
    throw toRejection(err);
  }
  if (meta.format !== 'jpeg' || !meta.width || !meta.height) throw new ImageRejectedError('undecodable', 'is not a JPEG image');
  return meta.autoOrient ?? { width: meta.width, height: meta.height };
}

/**
 * libvips keeps one error buffer for all its threads: when decodes fail at once, one may find it emptied by
 * another and throw "Unknown error" for a file that is simply truncated. Such a failure is settled by decoding
 * that input again (decoding is deterministic): a file that decodes now was not at fault, so the first error
 * stands; one that fails again is the file's fault, whatever message the retry is left with.
 */
async function rejectionOf(err: unknown, input: Buffer): Promise<unknown> {
  const rejection = toRejection(err);
  if (!isMessageLost(rejection)) return rejection;
  try {
    await sharp(input, INPUT).jpeg(JPEG_OUTPUT).toBuffer();
    return err;
  } catch (again) {
    const retried = toRejection(again);
    return retried instanceof ImageRejectedError
      ? retried
      : new ImageRejectedError('undecodable', 'does not decode as a complete JPEG image');
  }
}

const isMessageLost = (err: unknown) =>
  err instanceof Error && !(err instanceof ImageRejectedError) && /^\s*(Unknown error)?\s*$/.test(err.message);

function toRejection(err: unknown): unknown {
  const message = err instanceof Error ? err.message : '';
  if (/pixel limit/i.test(message))
    return new ImageRejectedError('too_many_pixels', `declares more than ${MAX_PIXELS / 1_000_000} megapixels`);
  // libvips' own errors (truncated data, a corrupt header or scan) are the file's fault, not the server's.
  if (/VipsJpeg|corrupt|premature|unsupported image format|Input buffer/i.test(message)) {
    return new ImageRejectedError('undecodable', 'does not decode as a complete JPEG image');
  }
  return err;
}
