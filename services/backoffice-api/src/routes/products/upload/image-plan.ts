import { ValidationError, type FieldProblem } from '@brandi/errors';
import type { ProductSnapshot } from '@brandi/db';
import type { ImageOrder } from '../routes/input.schemas.js';

export type PlacedImage = { kind: 'keep'; id: number; key: string } | { kind: 'new'; file: number };

export interface ImagePlan {
  /** The final list in order; undefined when the images stay as they are. */
  final?: PlacedImage[];
  dropped: { id: number; key: string }[];
}

/**
 * Checks `imageOrder` against the product's images and the uploaded files: ids must be this product's,
 * every file placed exactly once, nothing repeated. Without an order the images stay (and no file may come).
 */
export function planImages(current: ProductSnapshot['images'], order: ImageOrder | undefined, fileCount: number): ImagePlan {
  if (order === undefined) {
    if (fileCount > 0)
      throw new ValidationError(
        [{ field: 'imageOrder', message: 'is required when images are uploaded' }],
        'imageOrder must place the new images',
      );
    return { dropped: [] };
  }
  const details: FieldProblem[] = [];
  const keyById = new Map(current.map((image) => [image.id, image.key]));
  const usedIds = new Set<number>();
  const usedFiles = new Set<number>();
  const final = order.map((entry, index): PlacedImage => {
    const field = `imageOrder.${index}`;
    if ('id' in entry) {
      if (!keyById.has(entry.id)) details.push({ field, message: 'is not an image of this product' });
      else if (usedIds.has(entry.id)) details.push({ field, message: 'repeats an image' });
      usedIds.add(entry.id);
      return { kind: 'keep', id: entry.id, key: keyById.get(entry.id) ?? '' };
    }
    if (entry.file >= fileCount) details.push({ field, message: `names file ${entry.file} but ${fileCount} were uploaded` });
    else if (usedFiles.has(entry.file)) details.push({ field, message: 'repeats a file' });
    usedFiles.add(entry.file);
    return { kind: 'new', file: entry.file };
  });
  for (let file = 0; file < fileCount; file++) {
    if (!usedFiles.has(file)) details.push({ field: `images.${file}`, message: 'is not placed in imageOrder' });
  }
  if (details.length > 0) throw new ValidationError(details, 'imageOrder does not fit the product');
  return { final, dropped: current.filter((image) => !usedIds.has(image.id)).map(({ id, key }) => ({ id, key })) };
}
