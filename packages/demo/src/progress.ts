/** A one-line progress bar on stderr (redrawn in place on a terminal, one line per 10% otherwise). */
export function createProgress(label: string, total: number) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return {
    update(done: number) {
      const ratio = total === 0 ? 1 : Math.min(1, done / total);
      const width = 30;
      const filled = Math.round(ratio * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${done}/${total} ${((Date.now() - started) / 1000).toFixed(1)}s`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (Math.floor(ratio * 10) > lastDecile) {
        lastDecile = Math.floor(ratio * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    finish() {
      if (tty) process.stderr.write('\n');
      return (Date.now() - started) / 1000;
    },
  };
}
