import type { Db, NewShopper } from '@brandi/db';

export async function insertShopper(db: Db, shopper: NewShopper): Promise<number> {
  const result = await db.insertInto('shoppers').values(shopper).executeTakeFirstOrThrow();
  return Number(result.insertId);
}

export function findShopperCredentials(db: Db, loginId: string) {
  return db.selectFrom('shoppers').select(['id', 'password_hash']).where('login_id', '=', loginId).executeTakeFirst();
}
