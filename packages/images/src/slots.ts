import { availableParallelism } from 'node:os';

/**
 * At most `size` tasks run at once; the rest wait in arrival order. Decoding runs on libuv's thread pool (4
 * threads by default), which password hashing and file I/O share, so images must not take all of it.
 */
export function createSlots(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function inSlot<T>(task: () => Promise<T>): Promise<T> {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** Two per core, at most three: a registration's five images finish in two rounds, the pool keeps a thread. */
export const IMAGE_SLOTS = Math.max(1, Math.min(3, availableParallelism() * 2));
