import { createReadWriteDbs, type ReadWriteDbs } from './client.js';
import { startReplicatedPair, startTcpProxy, type ReplicatedPair, type TcpProxy } from './testing/index.js';

// One private primary + replica pair of mariadbd for the file; the replica's SQL thread is stopped to make lag.
let pair: ReplicatedPair;
let dbs: ReadWriteDbs;
let proxy: TcpProxy;
const replicaDown: unknown[] = [];

beforeAll(async () => {
  pair = await startReplicatedPair();
  const replica = new URL(pair.replicaUrl);
  // Reads reach the replica through a proxy the tests can cut.
  proxy = await startTcpProxy({ host: replica.hostname, port: Number(replica.port) });
  replica.port = String(proxy.port);
  dbs = createReadWriteDbs(
    { url: pair.primaryUrl, poolSize: 2 },
    { url: replica.toString(), poolSize: 2, connectTimeoutMs: 500, acquireTimeoutMs: 1000 },
    { retryReplicaAfterMs: 300, onReplicaDown: (err) => replicaDown.push(err) },
  );
  await dbs.db.insertInto('question_types').values({ id: 90, name: 'before', position: 90 }).execute();
  await pair.waitForReplica();
});

afterAll(async () => {
  await dbs?.destroy();
  await proxy?.close();
  await pair?.stop();
});

const typeName = async (db: ReadWriteDbs['db']) =>
  (await db.selectFrom('question_types').select('name').where('id', '=', 90).executeTakeFirstOrThrow()).name;

test('readDb reads the replica: under lag it shows the old value while the primary has the new one', async () => {
  await pair.pauseReplication();
  try {
    await dbs.db.updateTable('question_types').set({ name: 'after' }).where('id', '=', 90).execute();
    expect(await typeName(dbs.readDb)).toBe('before');
    expect(await typeName(dbs.db)).toBe('after');
  } finally {
    await pair.resumeReplication();
  }
  expect(await typeName(dbs.readDb)).toBe('after');
});

test('a transaction opened on readDb runs on the primary, writes included', async () => {
  await pair.pauseReplication();
  try {
    await dbs.db.updateTable('question_types').set({ name: 'in-trx' }).where('id', '=', 90).execute();
    const seen = await dbs.readDb.transaction().execute(async (trx) => {
      await trx.updateTable('question_types').set({ name: 'written-in-trx' }).where('id', '=', 90).execute();
      return typeName(trx);
    });
    expect(seen).toBe('written-in-trx');
    expect(await typeName(dbs.readDb)).not.toBe('written-in-trx');
  } finally {
    await pair.resumeReplication();
  }
});

test('the replica refuses the application account a write (read_only), so a misrouted write cannot land there', async () => {
  await expect(dbs.readDb.updateTable('question_types').set({ name: 'on-replica' }).where('id', '=', 90).execute()).rejects.toMatchObject({
    code: 'ER_OPTION_PREVENTS_STATEMENT',
  });
});

test('with the replica unreachable reads answer from the primary, and go back to the replica once it returns', async () => {
  await pair.pauseReplication();
  try {
    await dbs.db.updateTable('question_types').set({ name: 'fresh' }).where('id', '=', 90).execute();
    proxy.cut();
    // Pooled replica connections died under the reads and new ones are refused: both fall back.
    expect(await Promise.all([typeName(dbs.readDb), typeName(dbs.readDb), typeName(dbs.readDb)])).toEqual(['fresh', 'fresh', 'fresh']);
    expect(replicaDown).toHaveLength(1);
    // The readiness probe pings the replica itself, so it sees the outage the fallback hides.
    await expect(dbs.pingReplica?.()).rejects.toThrow();
    proxy.restore();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await typeName(dbs.readDb)).not.toBe('fresh');
    await expect(dbs.pingReplica?.()).resolves.toBeUndefined();
  } finally {
    proxy.restore();
    await pair.resumeReplication();
  }
});
