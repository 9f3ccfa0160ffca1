// One run of the purchase auto-confirmation: `pnpm orders:auto-confirm`. Prints each confirmed item id and a
// count. Takes the back office's `orders-auto-confirm` lock, so it never runs beside an instance's run (it
// waits for it; the row claims use SKIP LOCKED besides). Exits 2 when the environment is incomplete.
import { createDb, JOB_LOCKS } from '@brandi/db';
import { autoConfirmDelivered } from '../jobs/auto-confirm.js';
import { runCliJob } from './job-lock.js';

const url = process.env.DATABASE_URL?.trim();
const daysText = process.env.ORDER_AUTO_CONFIRM_DAYS?.trim() || '7';
const days = Number(daysText);
const problems = [
  ...(url ? [] : ['DATABASE_URL is required']),
  ...(/^[0-9]+$/.test(daysText) && days >= 1 && days <= 365 ? [] : ['ORDER_AUTO_CONFIRM_DAYS must be a whole number of days (1–365)']),
];
if (problems.length > 0) {
  console.error(`orders:auto-confirm cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(2);
}

const db = createDb({ url: url!, poolSize: 2 });
try {
  const started = Date.now();
  const result = await runCliJob(db, JOB_LOCKS.ordersAutoConfirm, () => autoConfirmDelivered(db, { days }));
  if (result) {
    for (const id of result.confirmed) console.log(id);
    console.log(`confirmed ${result.confirmed.length} order item(s) delivered more than ${days} day(s) ago in ${Date.now() - started} ms`);
  }
} catch (err) {
  console.error('orders:auto-confirm failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
