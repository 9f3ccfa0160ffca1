import { randomBytes } from 'node:crypto';
import type { RedisClient, WarnLogger } from './client.js';
import { throttledWarning } from './client.js';

/*
 * The one naming of the shoppers' cached catalogue reads and of what each write invalidates, shared by the
 * shopper API (reads, and its own writes) and the back office (writes), so the two cannot drift.
 *
 * Scheme: every cached read depends on a few *scopes*; each scope has a generation token in Redis
 * (`gen:<scope>`), and the entry's key embeds the tokens it was read under (`read:<name>@<tok>,<tok>`). A write
 * replaces the tokens of the scopes it touched after its commit, so the next read of any instance computes a
 * new key and misses: invalidation is immediate, needs no list of the keys to delete, and a reader that loaded
 * the old row just before the commit can only store it under the old key, which nobody reads any more (a
 * plain DEL of the key would let that late SET bring the stale value back). Old entries just expire (TTL).
 *
 * Scopes:
 * - `epoch`: in every read. Bumped by changes that reach across the catalogue: a seller's profile or status
 *   (their name on every page, all their products shown or hidden) and category data. Rare, so dropping
 *   everything is cheaper than tracking which pages show a seller.
 * - `p:<id>`: the product page of one product.
 * - `feed`: the unfiltered feed's first pages; any product change may reorder it.
 * - `m:<id>` / `f:<id>` / `s:<id>`: feeds filtered to a main, first or second category. A product change bumps
 *   all three categories of its path before and after the change; a feed embeds only its most specific
 *   category (a product in that feed has that category in its path, so one token is enough), so a change in
 *   one second category leaves the feeds of its sibling categories cached.
 * Per-category generations beat one global catalogue generation: with thousands of sellers editing all day, a
 * global one would empty every feed page on every edit.
 */

/** A cached read: its name (what was asked) and the scopes whose writes make it stale. */
export interface CachedRead {
  name: string;
  scopes: readonly string[];
}

export interface CategoryPath {
  mainCategoryId: number;
  firstCategoryId: number;
  secondCategoryId: number;
}

export interface FeedCategoryFilter {
  mainCategoryId?: number;
  firstCategoryId?: number;
  secondCategoryId?: number;
}

const EPOCH = 'epoch';
const productScope = (id: number) => `p:${id}`;

function feedScope(filter: FeedCategoryFilter): string {
  if (filter.secondCategoryId !== undefined) return `s:${filter.secondCategoryId}`;
  if (filter.firstCategoryId !== undefined) return `f:${filter.firstCategoryId}`;
  if (filter.mainCategoryId !== undefined) return `m:${filter.mainCategoryId}`;
  return 'feed';
}

/** The shoppers' cached reads. */
export const catalogReads = {
  categoryTree: (): CachedRead => ({ name: 'categories', scopes: [EPOCH] }),
  productPage: (id: number): CachedRead => ({ name: `product:${id}`, scopes: [EPOCH, productScope(id)] }),
  feedFirstPage: (sort: string, limit: number, filter: FeedCategoryFilter): CachedRead => ({
    name: `feed:${sort}:${limit}:m${filter.mainCategoryId ?? ''}:f${filter.firstCategoryId ?? ''}:s${filter.secondCategoryId ?? ''}`,
    scopes: [EPOCH, feedScope(filter)],
  }),
};

/** What each kind of write invalidates (pass to ReadCache.invalidate or CatalogInvalidator.invalidate). */
export const catalogChanges = {
  /**
   * A product's own fields, images, options, stock, price, discount, display or deletion: its page and every
   * feed it was in or is now in (`paths`: its category path before and after; one path when it did not move).
   */
  product: (id: number, paths: readonly CategoryPath[]): string[] => [
    ...new Set([
      productScope(id),
      'feed',
      ...paths.flatMap((p) => [`m:${p.mainCategoryId}`, `f:${p.firstCategoryId}`, `s:${p.secondCategoryId}`]),
    ]),
  ],
  /** Counts shown on the product page only (reviews, questions, stock given back by a cancellation). */
  productPage: (id: number): string[] => [productScope(id)],
  /** A seller's profile or status, or category data: every cached read. */
  everything: (): string[] => [EPOCH],
};

/** Where a generation token lives. */
export const generationKey = (scope: string) => `gen:${scope}`;

/** How long an untouched generation token is kept (refreshed by every bump). */
export const GENERATION_TTL_MS = 2 * 60 * 60_000;

/** The Redis key of a read under the current generations of its scopes. */
export function entryKey(read: CachedRead, generations: readonly string[]): string {
  return `read:${read.name}@${generations.join(',')}`;
}

const newToken = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/**
 * The current tokens of a read's scopes, in order: one round trip, two more when a scope has no token yet. A
 * missing token (never bumped, expired, or evicted under memory pressure) is replaced by a fresh one rather
 * than read as a fixed default, so an entry stored under an earlier token can never become current again.
 */
export async function readGenerations(redis: RedisClient, read: CachedRead): Promise<string[]> {
  const keys = read.scopes.map(generationKey);
  const tokens = await redis.mget(keys);
  if (tokens.every((token) => token !== null)) return tokens as string[];
  const token = newToken();
  const pipeline = redis.pipeline();
  tokens.forEach((current, i) => {
    if (current === null) pipeline.set(keys[i], token, 'PX', GENERATION_TTL_MS, 'NX');
  });
  await execOrThrow(pipeline);
  const settled = await redis.mget(keys);
  if (settled.some((value) => value === null)) throw new Error('A generation token vanished while being read');
  return settled as string[];
}

/** Gives each scope a token never used before (not a counter: an expired counter would restart and reuse values). */
export async function bumpGenerations(redis: RedisClient, scopes: readonly string[]): Promise<void> {
  if (scopes.length === 0) return;
  const token = newToken();
  const pipeline = redis.pipeline();
  for (const scope of scopes) pipeline.set(generationKey(scope), token, 'PX', GENERATION_TTL_MS);
  await execOrThrow(pipeline);
}

async function execOrThrow(pipeline: ReturnType<RedisClient['pipeline']>): Promise<void> {
  const results = (await pipeline.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) throw failed[0];
}

/** How a writer (the back office) drops the shoppers' cached copies after its commit. */
export interface CatalogInvalidator {
  /** Never throws: with Redis down the shoppers' entries age out by their TTL, and a warning is logged. */
  invalidate(scopes: readonly string[]): Promise<void>;
}

/** The back office's invalidator: through Redis when there is one, else nothing (one instance keeps its own cache). */
export function createCatalogInvalidator(redis: RedisClient | undefined, log: WarnLogger): CatalogInvalidator {
  if (!redis) return { invalidate: async () => {} };
  const warn = throttledWarning(log, 'Redis unavailable: shoppers may see cached catalogue data until its TTL passes');
  return {
    async invalidate(scopes) {
      await bumpGenerations(redis, scopes).catch(warn);
    },
  };
}
