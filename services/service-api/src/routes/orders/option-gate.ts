/**
 * In-process FIFO queues per option id. Checkouts of one option queue here, not in the database: a crowd on one
 * option (a flash sale) would otherwise fill the connection pool with transactions waiting on that option's row
 * lock, and every other request would wait for a connection too (503 after POOL_ACQUIRE_TIMEOUT). Several
 * instances still meet at the row lock, which stays the guarantee; this only bounds the waiters per instance to
 * one per option. Keys are taken in ascending order, so two checkouts cannot wait on each other here.
 */
export class OptionGate {
  readonly #tails = new Map<number, Promise<void>>();

  async run<T>(optionIds: readonly number[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const id of [...new Set(optionIds)].sort((a, b) => a - b)) {
        const previous = this.#tails.get(id) ?? Promise.resolve();
        let release!: () => void;
        const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
        this.#tails.set(id, tail);
        await previous;
        releases.push(() => {
          release();
          if (this.#tails.get(id) === tail) this.#tails.delete(id);
        });
      }
      return await work();
    } finally {
      for (const release of releases) release();
    }
  }
}
