import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Each bench script leaves its key figures here so `pnpm bench` can print one table at the end.
const SUMMARY_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../.data/bench');

export function writeSummary(name: string, figures: Record<string, unknown>): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  writeFileSync(join(SUMMARY_DIR, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
}

export function readSummary<T>(name: string): (T & { at: string }) | undefined {
  try {
    return JSON.parse(readFileSync(join(SUMMARY_DIR, `${name}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
