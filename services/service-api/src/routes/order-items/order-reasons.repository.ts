import type { Db } from '@brandi/db';
import type { OrderReasons } from './schemas.js';

export async function findOrderReasons(db: Db): Promise<OrderReasons> {
  const [cancel, refund] = await Promise.all([
    db.selectFrom('order_cancel_reasons').select(['id', 'name', 'shopper_allowed']).orderBy('id').execute(),
    db.selectFrom('order_refund_reasons').select(['id', 'name']).orderBy('id').execute(),
  ]);
  return {
    cancel: cancel.map((r) => ({ id: r.id, name: r.name, shopperAllowed: Boolean(r.shopper_allowed) })),
    refund,
  };
}
