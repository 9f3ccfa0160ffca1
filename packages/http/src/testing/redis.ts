import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { connectRedis, createRedisClient, type RedisClient } from '../redis/client.js';

/** The Redis the tests share (127.0.0.1:6379 on this machine; TEST_REDIS_URL elsewhere). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestRedis {
  /** The key prefix of this run; every client of `client()` uses it, so instances under test share keys. */
  prefix: string;
  /** A new connected client on this run's prefix (closed by `close`). */
  client(): Promise<RedisClient>;
  /** Every key written under this run's prefix. */
  keys(): Promise<string[]>;
  /** Deletes this run's keys and disconnects every client it handed out. */
  close(): Promise<void>;
}

/** A private key space on the test Redis: a prefix per run (TEST_DB_TAG and random), so parallel suites never collide. */
export async function startTestRedis(): Promise<TestRedis> {
  const tag = (process.env.TEST_DB_TAG ?? '').replace(/[^A-Za-z0-9_]/g, '');
  const prefix = `brandi-test:${tag}:${randomBytes(6).toString('hex')}:`;
  // Without a key prefix, to list and delete what the prefixed clients wrote.
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  await admin.connect();
  const clients: RedisClient[] = [];
  const keys = async () => {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      found.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return found;
  };
  return {
    prefix,
    async client() {
      const client = createRedisClient({ url: TEST_REDIS_URL, keyPrefix: prefix });
      if (!(await connectRedis(client))) throw new Error(`No Redis at ${TEST_REDIS_URL} (start redis-server)`);
      clients.push(client);
      return client;
    },
    keys,
    async close() {
      for (const client of clients) client.disconnect();
      const found = await keys();
      if (found.length > 0) await admin.unlink(...found);
      admin.disconnect();
    },
  };
}

/**
 * A client of a Redis that cannot be reached (a closed port, and no reconnect timers left behind): every command
 * fails at once, as it does for a service's client while its Redis is down.
 */
export function downRedis(keyPrefix = 'brandi-test:down:'): RedisClient {
  const client = createRedisClient({ url: 'redis://127.0.0.1:1', keyPrefix });
  client.disconnect();
  return client;
}
