import type { Kysely } from 'kysely';
import { ledgerDb, type LedgerTables, type StorageObjectState } from '../ledger-table.js';
import type { StorageLogger } from '../deps.js';

export interface LedgerRow {
  key: string;
  state: StorageObjectState;
  lastError: string | null;
}

/** Every ledger row, ordered by key: what tests compare against a listing of the bucket. */
export async function readLedger<DB extends LedgerTables>(db: Kysely<DB>): Promise<LedgerRow[]> {
  const rows = await ledgerDb(db)
    .selectFrom('storage_objects')
    .select(['object_key', 'state', 'last_error'])
    .orderBy('object_key')
    .execute();
  return rows.map((r) => ({ key: r.object_key, state: r.state, lastError: r.last_error }));
}

export interface CapturedLog {
  level: 'info' | 'warn' | 'error';
  obj: Record<string, unknown>;
  msg?: string;
}

/** A logger that keeps what it is given, for asserting that failures were reported. */
export function captureLogger(): StorageLogger & { lines: CapturedLog[]; errors(): CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at = (level: CapturedLog['level']) => (obj: object, msg?: string) => {
    lines.push({ level, obj: obj as Record<string, unknown>, msg });
  };
  return {
    lines,
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    errors: () => lines.filter((l) => l.level === 'error'),
  };
}
