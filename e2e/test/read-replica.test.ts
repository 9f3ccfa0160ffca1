import { backofficeApi } from '@brandi/backoffice-api/app';
import { createReadWriteDbs, type ReadWriteDbs } from '@brandi/db';
import { createAdmin, createProduct, createSeller, createShopper, startReplicatedPair, type ReplicatedPair } from '@brandi/db/testing';
import type { HttpApp } from '@brandi/http';
import { testConfig } from '@brandi/http/testing';
import { serviceApi } from '@brandi/service-api/app';
import { startTestS3, type RunningS3 } from '@brandi/storage/testing';
import { bearer } from './harness.js';

// Both services on a private primary + replica pair of mariadbd, as deployed with DATABASE_READ_URL. Lag is made
// on purpose by stopping the replica's SQL thread: whatever a request reads then tells which server served it.
const PIN_MS = 2000;

let pair: ReplicatedPair;
let dbs: ReadWriteDbs;
let s3: RunningS3;
let backoffice: HttpApp;
let shopper: HttpApp;
let seller: number;
let product: number;
let sellerAuth: Record<string, string>;
let adminAuth: Record<string, string>;

beforeAll(async () => {
  [pair, s3] = await Promise.all([startReplicatedPair(), startTestS3()]);
  dbs = createReadWriteDbs({ url: pair.primaryUrl, poolSize: 4 }, { url: pair.replicaUrl, poolSize: 4 });
  const env = { DATABASE_READ_URL: pair.replicaUrl, DATABASE_READ_PIN_MS: String(PIN_MS) };
  const deps = { db: dbs.db, readDb: dbs.readDb, pingReplica: dbs.pingReplica, store: s3.store };
  backoffice = await backofficeApi.buildApp({ ...deps, config: testConfig(backofficeApi, s3, pair.primaryUrl, env) });
  shopper = await serviceApi.buildApp({ ...deps, config: testConfig(serviceApi, s3, pair.primaryUrl, env) });
  await Promise.all([backoffice.ready(), shopper.ready()]);
  seller = await createSeller(dbs.db);
  product = await createProduct(dbs.db, seller, { name: 'linen shirt' });
  sellerAuth = await bearer(backoffice, { sub: String(seller), role: 'seller' });
  adminAuth = await bearer(backoffice, { sub: String(await createAdmin(dbs.db)), role: 'admin' });
  await pair.waitForReplica();
});

afterAll(async () => {
  await shopper?.close();
  await backoffice?.close();
  await dbs?.destroy();
  await Promise.all([pair?.stop(), s3?.close()]);
});

test('both services report the replica in /health/ready', async () => {
  for (const app of [shopper, backoffice]) {
    const res = await app.inject({ method: 'GET', url: '/health/ready' });
    expect({ status: res.statusCode, checks: res.json().checks }).toEqual({ status: 200, checks: { db: 'ok', s3: 'ok', replica: 'ok' } });
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function underLag(work: () => Promise<void>): Promise<void> {
  await pair.pauseReplication();
  try {
    await work();
  } finally {
    await pair.resumeReplication();
  }
}

const shopperProductName = async (headers: Record<string, string> = {}) => {
  const res = await shopper.inject({ method: 'GET', url: `/products/${product}`, headers });
  expect(res.statusCode).toBe(200);
  return res.json().name as string;
};

const backofficeListNames = async (headers: Record<string, string>) => {
  const res = await backoffice.inject({ method: 'GET', url: '/products', headers });
  expect(res.statusCode).toBe(200);
  return (res.json().items as { id: number; name: string }[]).filter((item) => item.id === product).map((item) => item.name);
};

const renameProduct = async (name: string, version: number) => {
  const res = await backoffice.inject({
    method: 'PATCH',
    url: `/products/${product}`,
    headers: { ...sellerAuth, 'if-match': String(version) },
    payload: { product: { name } },
  });
  expect(res.statusCode).toBe(200);
  return res.json().version as number;
};

test('a seller who just edited a product sees the edit in the back-office list under lag; others read the replica until the pin ends', async () => {
  const before = (await dbs.db.selectFrom('products').select('version').where('id', '=', product).executeTakeFirstOrThrow()).version;
  await underLag(async () => {
    const version = await renameProduct('linen shirt v2', before);
    // The writer is pinned to the primary; the second edit's version check runs in its transaction on the
    // primary too (the replica still has the old version, which would be a 409).
    expect(await backofficeListNames(sellerAuth)).toEqual(['linen shirt v2']);
    await renameProduct('linen shirt v3', version);
    expect(await backofficeListNames(sellerAuth)).toEqual(['linen shirt v3']);
    // The admin did not write: the list comes from the replica, as does the anonymous shopper's detail.
    expect(await backofficeListNames(adminAuth)).toEqual(['linen shirt']);
    expect(await shopperProductName()).toBe('linen shirt');
    // A token the catalogue route does not read may be a writer's: that read goes to the primary.
    expect(await shopperProductName(await bearer(shopper, { sub: String(await createShopper(dbs.db)), role: 'shopper', tv: 0 }))).toBe(
      'linen shirt v3',
    );
    // Writes landed on the primary only (the replica is read_only for the application's account).
    const onReplica = await pair.replicaRoot.selectFrom('products').select('name').where('id', '=', product).executeTakeFirstOrThrow();
    expect(onReplica.name).toBe('linen shirt');

    await sleep(PIN_MS + 100);
    expect(await backofficeListNames(sellerAuth)).toEqual(['linen shirt']);
  });
  expect(await backofficeListNames(adminAuth)).toEqual(['linen shirt v3']);
  expect(await shopperProductName()).toBe('linen shirt v3');
});

test('a shopper reads their own question right after asking it; anonymous readers see it once the replica has it', async () => {
  const asker = await createShopper(dbs.db);
  const auth = await bearer(shopper, { sub: String(asker), role: 'shopper', tv: 0 });
  const questionIds = async (headers: Record<string, string> = {}) => {
    const res = await shopper.inject({ method: 'GET', url: `/products/${product}/questions`, headers });
    expect(res.statusCode).toBe(200);
    return (res.json().items as { id: number }[]).map((item) => item.id);
  };
  let asked = 0;
  await underLag(async () => {
    const res = await shopper.inject({
      method: 'POST',
      url: `/products/${product}/questions`,
      headers: auth,
      payload: { typeId: 1, content: 'does it shrink?', isPrivate: false },
    });
    expect(res.statusCode).toBe(201);
    asked = res.json().id;
    expect(await questionIds(auth)).toContain(asked);
    expect(await questionIds()).not.toContain(asked);
    await sleep(PIN_MS + 100);
    expect(await questionIds(auth)).not.toContain(asked);
  });
  expect(await questionIds()).toContain(asked);
});

test("a signed-in shopper's own data (addresses) is read from the primary, pinned or not", async () => {
  const owner = await createShopper(dbs.db);
  const auth = await bearer(shopper, { sub: String(owner), role: 'shopper', tv: 0 });
  await underLag(async () => {
    // Written behind the API's back: no pin, only the route's own routing.
    await dbs.db
      .insertInto('addresses')
      .values({
        shopper_id: owner,
        recipient: 'Kim',
        phone: '01012345678',
        zip_code: '04524',
        address1: 'Seoul',
        address2: '1',
        is_default: true,
        created_at: new Date(),
      })
      .execute();
    const res = await shopper.inject({ method: 'GET', url: '/me/addresses', headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ recipient: 'Kim' })]);
  });
});
