import { verifyPassword, type SellerStatus } from '@brandi/db';
import { startTestApp, type TestContext } from './harness.js';
import { bearerFor, createAdmin, createSeller, createSellerWithPassword } from './sellers.fixtures.js';

let ctx: TestContext;
let clock = new Date('2026-04-01T00:00:00.000Z');
const tick = () => {
  clock = new Date(clock.getTime() + 60_000);
  return clock;
};
let admin: number;
let adminHeaders: Record<string, string>;

beforeAll(async () => {
  ctx = await startTestApp({ now: () => clock });
  admin = await createAdmin(ctx.db);
  adminHeaders = await bearerFor(ctx.app, admin, 'admin');
});
afterAll(() => ctx.close());

const patch = (id: number, payload: object, headers: Record<string, string>) => {
  tick();
  return ctx.app.inject({ method: 'PATCH', url: `/sellers/${id}`, payload, headers });
};
const history = async (id: number, headers = adminHeaders) => {
  const res = await ctx.app.inject({ method: 'GET', url: `/sellers/${id}/history`, headers });
  expect(res.statusCode).toBe(200);
  return res.json();
};

const STATUSES: SellerStatus[] = ['pending', 'active', 'paused', 'closing', 'closed'];
const LEGAL = new Set([
  'pending>active',
  'active>paused',
  'paused>active',
  'active>closing',
  'paused>closing',
  'closing>closed',
  'closing>active',
]);
const pairs = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to] as const));

describe('status machine (admin)', () => {
  test.each(pairs.filter(([from, to]) => !LEGAL.has(`${from}>${to}`)))('%s → %s is a 409 and changes nothing', async (from, to) => {
    const id = await createSeller(ctx.db, { status: from });
    const res = await patch(id, { status: to }, adminHeaders);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ILLEGAL_TRANSITION');
    const row = await ctx.db.selectFrom('sellers').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: from, version: 1 });
    expect(await history(id)).toEqual([]);
  });

  test.each(pairs.filter(([from, to]) => LEGAL.has(`${from}>${to}`)))('%s → %s is allowed', async (from, to) => {
    const id = await createSeller(ctx.db, { status: from });
    const res = await patch(id, { status: to }, adminHeaders);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: to, version: 2 });
  });

  test('the whole life pending → active → paused → active → closing → closed, as contiguous history', async () => {
    const id = await createSeller(ctx.db, { status: 'pending', createdAt: new Date('2026-03-01T00:00:00.000Z') });
    for (const status of ['active', 'paused', 'active', 'closing', 'closed']) {
      expect((await patch(id, { status }, adminHeaders)).statusCode).toBe(200);
    }
    const rows = await history(id);
    expect(rows.map((r: { version: number }) => r.version)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(rows[0].validTo).toBeNull();
    for (let i = 0; i < rows.length - 1; i++) expect(rows[i + 1].validTo).toBe(rows[i].validFrom);
    expect(rows[5]).toMatchObject({ validFrom: '2026-03-01T00:00:00.000Z', changedBy: { id } });
    expect(rows[5].changes).toEqual(expect.arrayContaining([{ field: 'status', before: null, after: 'pending' }]));
    expect(rows[0]).toMatchObject({
      changedBy: { id: admin, role: 'admin' },
      changes: [{ field: 'status', before: 'closing', after: 'closed' }],
    });
    expect(rows[0].validFrom).toBe(clock.toISOString());
  });

  test('setting the current status again is not a move: 200, no new version', async () => {
    const id = await createSeller(ctx.db, { status: 'active' });
    const res = await patch(id, { status: 'active' }, adminHeaders);
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect(await history(id)).toEqual([]);
  });
});

describe('profile changes', () => {
  test('a seller changing its own status is a 403, even with other fields', async () => {
    const id = await createSeller(ctx.db, { status: 'active' });
    const res = await patch(id, { status: 'paused', managerName: 'x' }, await bearerFor(ctx.app, id));
    expect(res.statusCode).toBe(403);
    expect((await ctx.db.selectFrom('sellers').select('manager_name').where('id', '=', id).executeTakeFirstOrThrow()).manager_name).toBe(
      '담당자',
    );
  });

  test('a seller changes its profile; history records who, when and what, snapshot without the password hash', async () => {
    const id = await createSeller(ctx.db, { nameKo: '원래이름' });
    const headers = await bearerFor(ctx.app, id);
    const res = await patch(id, { nameKo: '새이름', managerEmail: null, managerPhone: '010-9999-8888' }, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ nameKo: '새이름', managerEmail: null, managerPhone: '010-9999-8888', version: 2 });
    const rows = await history(id, headers);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      version: 2,
      validTo: null,
      validFrom: clock.toISOString(),
      changedBy: { id, nameKo: '새이름', role: 'seller' },
    });
    expect(rows[0].changes).toEqual([
      { field: 'nameKo', before: '원래이름', after: '새이름' },
      { field: 'managerPhone', before: '010-0000-0000', after: '010-9999-8888' },
      { field: 'managerEmail', before: expect.stringContaining('@example.com'), after: null },
    ]);
    const snapshots = await ctx.db
      .selectFrom('seller_revisions')
      .select('snapshot')
      .where('seller_id', '=', id)
      .orderBy('version')
      .execute();
    expect(snapshots[1].snapshot).toMatchObject({ nameKo: '새이름', managerEmail: null });
    expect(JSON.stringify(snapshots)).not.toMatch(/password/i);
  });

  test('an admin edits any seller; another seller gets 404; a duplicate name is a 409 naming the field', async () => {
    const id = await createSeller(ctx.db);
    const taken = await createSeller(ctx.db, { nameEn: 'Taken Name' });
    expect((await patch(id, { managerName: '관리자수정' }, adminHeaders)).json()).toMatchObject({ managerName: '관리자수정' });
    expect((await patch(id, { managerName: 'x' }, await bearerFor(ctx.app, taken))).statusCode).toBe(404);
    const dup = await patch(id, { nameEn: 'Taken Name' }, adminHeaders);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details).toEqual([{ field: 'nameEn', message: 'is already taken' }]);
    expect((await history(id)).map((r: { version: number }) => r.version)).toEqual([2, 1]);
  });

  test('concurrent changes queue on the row lock: versions stay contiguous with no gaps or overlaps', async () => {
    const id = await createSeller(ctx.db);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        ctx.app.inject({ method: 'PATCH', url: `/sellers/${id}`, payload: { managerName: `동시${i}` }, headers: adminHeaders }),
      ),
    );
    expect(results.map((res) => res.statusCode)).toEqual(Array(6).fill(200));
    const rows = await history(id);
    expect(rows.map((r: { version: number }) => r.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    for (let i = 0; i < rows.length - 1; i++) expect(rows[i + 1].validTo).toBe(rows[i].validFrom);
    const seller = await ctx.db.selectFrom('sellers').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    expect(seller.version).toBe(7);
  });

  test('invalid bodies are 400: empty, unknown field, bad email', async () => {
    const id = await createSeller(ctx.db);
    for (const payload of [{}, { loginId: 'new' }, { managerEmail: 'not-an-email' }, { status: 'gone' }]) {
      expect((await patch(id, payload, adminHeaders)).statusCode).toBe(400);
    }
  });

  test('history of another seller is a 404 for a seller', async () => {
    const id = await createSeller(ctx.db);
    const other = await createSeller(ctx.db);
    const res = await ctx.app.inject({ method: 'GET', url: `/sellers/${id}/history`, headers: await bearerFor(ctx.app, other) });
    expect(res.statusCode).toBe(404);
  });
});

describe('PUT /sellers/:id/password', () => {
  const put = async (id: number, payload: object, headers: Record<string, string>) =>
    ctx.app.inject({ method: 'PUT', url: `/sellers/${id}/password`, payload, headers });

  test('needs the current password; the change shows in history without the hash', async () => {
    const id = await createSellerWithPassword(ctx.db, 'oldpass123');
    const headers = await bearerFor(ctx.app, id);
    const wrong = await put(id, { currentPassword: 'nope12345', newPassword: 'newpass456' }, headers);
    expect(wrong.statusCode).toBe(401);
    tick();
    const ok = await put(id, { currentPassword: 'oldpass123', newPassword: 'newpass456' }, headers);
    expect(ok.statusCode).toBe(204);
    const row = await ctx.db.selectFrom('sellers').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(await verifyPassword('newpass456', row.password_hash)).toBe(true);
    const rows = await history(id);
    expect(rows[0].changes).toEqual([{ field: 'password', before: null, after: '(changed)' }]);
    const stored = await ctx.db.selectFrom('seller_revisions').select(['snapshot', 'changes']).where('seller_id', '=', id).execute();
    expect(JSON.stringify(stored)).not.toContain(row.password_hash.split('$')[5]);
    expect(JSON.stringify(stored)).not.toContain('argon2');
  });

  test('weak new passwords are 400; someone else is 404 for a seller and 403 for an admin', async () => {
    const id = await createSellerWithPassword(ctx.db, 'oldpass123');
    const headers = await bearerFor(ctx.app, id);
    for (const newPassword of ['short1', 'lettersonly', '12345678']) {
      expect((await put(id, { currentPassword: 'oldpass123', newPassword }, headers)).statusCode).toBe(400);
    }
    const other = await createSeller(ctx.db);
    expect((await put(other, { currentPassword: 'oldpass123', newPassword: 'newpass456' }, headers)).statusCode).toBe(404);
    expect((await put(id, { currentPassword: 'oldpass123', newPassword: 'newpass456' }, adminHeaders)).statusCode).toBe(403);
  });
});
