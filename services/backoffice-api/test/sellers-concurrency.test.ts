import { createDb, type Db } from '@brandi/db';
import type { HttpApp } from '@brandi/http';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../src/app.js';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createSeller } from './sellers.fixtures.js';

// Sellers without history rows used to share one gap of the revisions index: each PATCH's "latest revision"
// FOR UPDATE scan took a gap lock on it, then inserted into it, so concurrent PATCHes deadlocked (6-9 of 10
// answered 500 ER_LOCK_DEADLOCK).

let ctx: TestContext;
// The test database's pool has 5 connections; this app has one per PATCH so all 10 transactions really overlap.
let wideDb: Db;
let app: HttpApp;
let adminHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await startTestApp();
  wideDb = createDb({ url: ctx.config.DATABASE_URL, poolSize: 12 });
  app = await buildApp({ config: ctx.config, db: wideDb, store: ctx.s3.store });
  adminHeaders = await bearerFor(app, await createAdmin(ctx.db), 'admin');
});
afterAll(async () => {
  await app.close();
  await wideDb.destroy();
  await ctx.close();
});

const patch = (id: number, payload: object) => app.inject({ method: 'PATCH', url: `/sellers/${id}`, payload, headers: adminHeaders });

async function versions(id: number): Promise<number[]> {
  const rows = await ctx.db.selectFrom('seller_revisions').select('version').where('seller_id', '=', id).orderBy('version').execute();
  return rows.map((row) => row.version);
}

test('10 admin PATCHes on 10 sellers without history, sent at once, all answer 200 with contiguous history', async () => {
  for (let round = 0; round < 3; round++) {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await createSeller(ctx.db, { status: 'pending' }));
    const answers = await Promise.all(ids.map((id, i) => patch(id, { status: 'active', managerName: `담당 ${round}-${i}` })));
    expect(answers.map((res) => res.statusCode)).toEqual(ids.map(() => 200));
    for (const id of ids) expect(await versions(id)).toEqual([1, 2]);
  }
});

test('concurrent PATCHes of one seller are serialized: each answers 200 and gets its own version', async () => {
  const id = await createSeller(ctx.db, { status: 'active' });
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => patch(id, { managerName: `동시 ${i}` })));
  expect(answers.map((res) => res.statusCode)).toEqual(answers.map(() => 200));
  expect(answers.map((res) => res.json().version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  expect(await versions(id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

describe('a conflict that outlasts the retries is a 409, never a 500', () => {
  test.each([
    ['deadlock', 'ER_LOCK_DEADLOCK', 4],
    ['lock wait timeout', 'ER_LOCK_WAIT_TIMEOUT', 4],
    ['history version taken', 'ER_DUP_ENTRY', 1],
  ])('%s', async (_what, code, expectedTries) => {
    const fault = failInsertsIntoRevisions(code);
    const faulty = await buildApp({ config: ctx.config, db: ctx.db.withPlugin(fault), store: ctx.s3.store });
    try {
      const id = await createSeller(ctx.db, { status: 'active' });
      const res = await faulty.inject({ method: 'PATCH', url: `/sellers/${id}`, payload: { managerName: '충돌' }, headers: adminHeaders });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
      expect(fault.tries()).toBe(expectedTries);
      expect(await versions(id)).toEqual([]);
    } finally {
      await faulty.close();
    }
  });
});

/** Fails every insert into seller_revisions with a driver error of `code` (fault injection; each try counts). */
function failInsertsIntoRevisions(code: string): KyselyPlugin & { tries(): number } {
  let tries = 0;
  return {
    tries: () => tries,
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      if (args.node.kind === 'InsertQueryNode' && args.node.into?.table.identifier.name === 'seller_revisions') {
        tries++;
        throw Object.assign(new Error(`injected ${code}`), {
          code,
          message: code === 'ER_DUP_ENTRY' ? "Duplicate entry '1-2' for key 'uq_seller_revisions_version'" : code,
        });
      }
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
}
