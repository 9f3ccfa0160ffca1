import { parseArgs } from 'node:util';
import { createDb } from '../client.js';
import { hashPassword, passwordWeakness } from '../passwords.js';
import { requireDatabaseUrl } from './env.js';

const { values } = parseArgs({ options: { 'login-id': { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
const loginId = values['login-id'];
const password = values.password;
// The same rules as a signup: login ids are matched exactly at login, so they are stored in their one form.
if (!loginId || !/^[a-z0-9_]{4,20}$/.test(loginId) || !password || password.length < 8) {
  console.error('usage: pnpm admin:create --login-id <4-20 of a-z 0-9 _> --password <at least 8 characters> [--name <display name>]');
  process.exit(2);
}
const weakness = await passwordWeakness(password, loginId);
if (weakness) {
  console.error(`--password ${weakness}`);
  process.exit(2);
}

const db = createDb({ url: requireDatabaseUrl(), poolSize: 1 });
try {
  const existing = await db.selectFrom('sellers').select(['id', 'role']).where('login_id', '=', loginId).executeTakeFirst();
  if (existing) {
    console.log(
      existing.role === 'admin'
        ? `admin "${loginId}" already exists (id ${existing.id})`
        : `"${loginId}" exists and is not an admin; left unchanged`,
    );
    if (existing.role !== 'admin') process.exitCode = 1;
  } else {
    const name = values.name ?? `관리자 ${loginId}`;
    const result = await db
      .insertInto('sellers')
      .values({
        login_id: loginId,
        password_hash: await hashPassword(password),
        role: 'admin',
        status: 'active',
        attribute_id: null,
        name_ko: name,
        name_en: `admin-${loginId}`,
      })
      .executeTakeFirstOrThrow();
    console.log(`created admin "${loginId}" (id ${result.insertId})`);
  }
} finally {
  await db.destroy();
}
