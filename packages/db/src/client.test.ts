import { createDb, type Db } from './client.js';
import { duplicateKeyName, isDbUnavailable, isDuplicateEntry, isForeignKeyViolation } from './errors.js';
import { createTestDb, type TestDb } from './testing/index.js';

let t: TestDb;
let db: Db;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
});
afterAll(() => t.destroy());

async function insertSeller(loginId: string, nameKo = loginId, nameEn = loginId) {
  const r = await db
    .insertInto('sellers')
    .values({ login_id: loginId, password_hash: 'x', role: 'seller', status: 'active', attribute_id: 1, name_ko: nameKo, name_en: nameEn })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

test('JSON columns come back parsed and booleans as booleans', async () => {
  const sellerId = await insertSeller('json_seller');
  await db
    .insertInto('seller_revisions')
    .values({
      seller_id: sellerId,
      version: 1,
      valid_from: new Date(),
      valid_to: null,
      changed_by: sellerId,
      changes: JSON.stringify([{ field: 'nameKo', before: null, after: '한글' }]),
      snapshot: JSON.stringify({ nameKo: '한글' }),
    })
    .execute();
  const rev = await db.selectFrom('seller_revisions').selectAll().where('seller_id', '=', sellerId).executeTakeFirstOrThrow();
  expect(rev.changes).toEqual([{ field: 'nameKo', before: null, after: '한글' }]);
  expect(rev.snapshot).toEqual({ nameKo: '한글' });
  expect(rev.valid_from).toBeInstanceOf(Date);
});

test('duplicate entries and foreign key violations are recognised', async () => {
  await insertSeller('dup_a', '가나다', 'abc');
  const err = await insertSeller('dup_b', '가나다', 'def').catch((e: unknown) => e);
  expect(isDuplicateEntry(err)).toBe(true);
  expect(duplicateKeyName(err)).toBe('uq_sellers_name_ko');
  const fk = await db
    .insertInto('sellers')
    .values({ login_id: 'fk', password_hash: 'x', role: 'seller', status: 'active', attribute_id: 99, name_ko: 'fk', name_en: 'fk' })
    .execute()
    .catch((e: unknown) => e);
  expect(isForeignKeyViolation(fk)).toBe(true);
});

test('an unreachable server fails fast and is classified as unavailable', async () => {
  const dead = createDb({ url: 'mysql://root@127.0.0.1:1/none', connectTimeoutMs: 500, acquireTimeoutMs: 1000 });
  const started = Date.now();
  const err = await db
    .selectFrom('sellers')
    .select('id')
    .execute()
    .then(() => dead.selectFrom('sellers').select('id').execute())
    .catch((e: unknown) => e);
  expect(Date.now() - started).toBeLessThan(3000);
  expect(isDbUnavailable(err)).toBe(true);
  await dead.destroy();
});

test('an exhausted pool fails with POOL_ACQUIRE_TIMEOUT instead of waiting forever', async () => {
  const small = createDb({ url: t.url, poolSize: 1, acquireTimeoutMs: 300 });
  await small.transaction().execute(async (trx) => {
    await trx.selectFrom('sellers').select('id').execute();
    const err = await small
      .selectFrom('sellers')
      .select('id')
      .execute()
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('POOL_ACQUIRE_TIMEOUT');
    expect(isDbUnavailable(err)).toBe(true);
  });
  await expect(small.selectFrom('sellers').select('id').execute()).resolves.toBeDefined();
  await small.destroy();
});
