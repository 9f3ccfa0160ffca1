import type { Db } from '@brandi/db';

/** The id of a benchmark's admin account (created on first use; it never logs in, benches sign its tokens). */
export async function ensureBenchAdmin(db: Db, loginId: string, nameEn: string): Promise<number> {
  const existing = await db.selectFrom('sellers').select('id').where('login_id', '=', loginId).executeTakeFirst();
  if (existing) return existing.id;
  const result = await db
    .insertInto('sellers')
    .values({
      login_id: loginId,
      password_hash: 'x',
      role: 'admin',
      status: 'active',
      attribute_id: null,
      name_ko: `벤치관리자 ${loginId}`, // unique per bench (sellers.name_ko is unique)
      name_en: nameEn,
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}
