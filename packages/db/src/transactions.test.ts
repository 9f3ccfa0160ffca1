import type { Transaction } from 'kysely';
import type { Db } from './client.js';
import { isLockConflict } from './errors.js';
import type { Database } from './schema/index.js';
import { createTestDb, type TestDb } from './testing/index.js';
import { withTransactionRetry, type TransactionRetryOptions } from './transactions.js';

let t: TestDb;
let db: Db;
let sellers: [number, number];

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  const ids: number[] = [];
  for (const name of ['retry_a', 'retry_b']) {
    const r = await db
      .insertInto('sellers')
      .values({ login_id: name, password_hash: 'x', role: 'seller', status: 'active', attribute_id: 1, name_ko: name, name_en: name })
      .executeTakeFirstOrThrow();
    ids.push(Number(r.insertId));
  }
  sellers = [ids[0], ids[1]];
});
afterAll(() => t.destroy());

const lockSeller = (trx: Transaction<Database>, id: number) =>
  trx.selectFrom('sellers').select('id').where('id', '=', id).forUpdate().execute();

/** Two transactions lock the two sellers in opposite orders, both holding their first lock: a real deadlock. */
async function collide(options: TransactionRetryOptions) {
  let attempts = 0;
  let arrived = 0;
  let release!: () => void;
  const bothHoldFirstLock = new Promise<void>((resolve) => (release = resolve));
  const run = (first: number, second: number) =>
    withTransactionRetry(
      db,
      async (trx) => {
        attempts++;
        await lockSeller(trx, first);
        if (++arrived === 2) release();
        await bothHoldFirstLock;
        await lockSeller(trx, second);
        return 'committed';
      },
      options,
    );
  const results = await Promise.allSettled([run(sellers[0], sellers[1]), run(sellers[1], sellers[0])]);
  return { results, attempts };
}

test('a deadlock victim is run again and commits', async () => {
  const { results, attempts } = await collide({});
  expect(results).toEqual([
    { status: 'fulfilled', value: 'committed' },
    { status: 'fulfilled', value: 'committed' },
  ]);
  expect(attempts).toBe(3);
});

test('without retries the victim fails with a lock conflict (the collision above is real)', async () => {
  const { results, attempts } = await collide({ attempts: 1 });
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(rejected).toHaveLength(1);
  expect(isLockConflict(rejected[0].reason)).toBe(true);
  expect(attempts).toBe(2);
});

test('other errors are not retried', async () => {
  let attempts = 0;
  const err = await withTransactionRetry(db, async () => {
    attempts++;
    throw new Error('not a lock conflict');
  }).catch((e: unknown) => e);
  expect((err as Error).message).toBe('not a lock conflict');
  expect(attempts).toBe(1);
});
