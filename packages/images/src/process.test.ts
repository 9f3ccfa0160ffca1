import sharp from 'sharp';
import { createSlots } from './slots.js';
import { ImageRejectedError, makeThumbnail, MAX_PIXELS, processUpload } from './process.js';

const RULES = { minWidth: 640, minHeight: 720 };
const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 180, g: 60, b: 40 } } })
    .jpeg()
    .toBuffer();

async function rejection(input: Promise<unknown>): Promise<ImageRejectedError> {
  const err = await input.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImageRejectedError);
  return err as ImageRejectedError;
}

test('re-encodes a JPEG without metadata and makes a 360 px WebP thumbnail', async () => {
  const input = await sharp(await photo(800, 900))
    .withExif({ IFD0: { Artist: 'someone' } })
    .jpeg()
    .toBuffer();
  expect((await sharp(input).metadata()).exif).toBeDefined();
  const out = await processUpload(input, RULES);
  expect(out).toMatchObject({ width: 800, height: 900 });
  const stored = await sharp(out.jpeg).metadata();
  expect(stored).toMatchObject({ format: 'jpeg', width: 800, height: 900 });
  expect(stored.exif).toBeUndefined();
  expect(await sharp(out.thumbnail).metadata()).toMatchObject({ format: 'webp', width: 360, height: 405 });
});

test('an EXIF orientation is applied before the metadata goes, and the size rules see the upright image', async () => {
  // Stored 720×640 with "rotate 90°": upright it is 640×720.
  const rotated = await sharp(await photo(720, 640))
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  const out = await processUpload(rotated, RULES);
  expect(out).toMatchObject({ width: 640, height: 720 });
  expect((await sharp(out.jpeg).metadata()).orientation).toBeUndefined();
});

test('rejects what does not decode, declares too many pixels, is too small or is not a JPEG', async () => {
  const whole = await photo(800, 900);
  expect((await rejection(processUpload(whole.subarray(0, whole.length - 200), RULES))).reason).toBe('undecodable');
  expect((await rejection(processUpload(await photo(8000, 5001), RULES))).reason).toBe('too_many_pixels');
  expect(8000 * 5001).toBeGreaterThan(MAX_PIXELS);
  expect((await rejection(processUpload(await photo(639, 720), RULES))).message).toBe('must be at least 640×720 pixels (is 639×720)');
  const png = await sharp(await photo(800, 900))
    .png()
    .toBuffer();
  expect((await rejection(processUpload(png, RULES))).reason).toBe('undecodable');
  expect((await rejection(processUpload(Buffer.from('not an image'), RULES))).reason).toBe('undecodable');
});

test('makeThumbnail never enlarges', async () => {
  expect(await sharp(await makeThumbnail(await photo(300, 200))).metadata()).toMatchObject({ format: 'webp', width: 300 });
});

test('slots run at most their size at once, in arrival order', async () => {
  const inSlot = createSlots(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      inSlot(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        running -= 1;
      }),
    ),
  );
  expect(peak).toBe(2);
  expect(order).toEqual([0, 1, 2, 3, 4, 5]);
});

// libvips keeps one error buffer for all its threads: when decodes fail at once, one may find it emptied by
// another and report "Unknown error". A truncated file must still be the client's 400, never a 500.
test('truncated files decoded side by side are all rejected as undecodable', async () => {
  const good = await sharp({ create: { width: 640, height: 720, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer();
  const truncated = good.subarray(0, Math.floor(good.length * 0.6));
  const outcomes = await Promise.all(
    Array.from({ length: 120 }, (_, i) =>
      processUpload(i % 2 ? truncated : good, { minWidth: 640, minHeight: 720 }).then(
        () => 'stored',
        (err: unknown) => (err instanceof ImageRejectedError ? err.reason : `unexpected: ${(err as Error).message}`),
      ),
    ),
  );
  expect(new Set(outcomes.filter((_, i) => i % 2 === 1))).toEqual(new Set(['undecodable']));
  expect(new Set(outcomes.filter((_, i) => i % 2 === 0))).toEqual(new Set(['stored']));
});
