import { exactLoginIdOnly, type Db, type NewShopper } from '@brandi/db';

export async function insertShopper(db: Db, shopper: NewShopper): Promise<number> {
  const result = await db.insertInto('shoppers').values(shopper).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** The shopper whose login id is exactly `loginId` (no case, accent or width folding; see exactLoginIdOnly). */
export async function findShopperCredentials(db: Db, loginId: string) {
  const row = await db
    .selectFrom('shoppers')
    .select(['id', 'login_id', 'password_hash', 'token_version'])
    .where('login_id', '=', loginId)
    .executeTakeFirst();
  return exactLoginIdOnly(row, loginId);
}
