// The first batch is small so the first bytes go out at once. Batches stay small because rows that outlive a
// couple of young-generation GCs are promoted and then linger until a full GC: 1000-row batches added ~70 MB
// of RSS over 100k rows, 500-row ones ~15 MB, at about the same total time.
export const EXPORT_BATCHES = { first: 250, next: 500 } as const;

/**
 * Every row of a keyset export, batch after batch (whole batches, so rows do not pay an async hop each), fetching
 * the next batch while the caller writes the current one. `readAfter(last, limit)` reads the batch after `last`;
 * a batch shorter than its limit is the last one. A connection is held only during a batch's queries, so a
 * consumer that stops (client gone) frees it at once. Serves the product and the order export.
 */
export async function* prefetchedBatches<Row>(
  first: Row[],
  limits: { readonly first: number; readonly next: number },
  readAfter: (last: Row, limit: number) => Promise<Row[]>,
): AsyncGenerator<Row[]> {
  let rows = first;
  let limit = limits.first;
  let next: Promise<Row[]> | undefined;
  try {
    while (true) {
      const last = rows.at(-1);
      next = rows.length === limit && last !== undefined ? readAfter(last, limits.next) : undefined;
      limit = limits.next;
      if (rows.length > 0) yield rows;
      if (next === undefined) return;
      rows = await next;
      next = undefined;
    }
  } finally {
    // An abandoned prefetch must not surface as an unhandled rejection.
    next?.catch(() => undefined);
  }
}
