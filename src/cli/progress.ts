/**
 * A progress line on stderr for scans that take more than a moment. Silent when stderr is not a
 * terminal (CI logs, pipes), so machine output stays clean.
 */
const DELAY_MS = 400;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < DELAY_MS || now - last < 80) return;
      last = now;
      shown = true;
      stream.write(`\r\x1b[2Kshipready: parsing ${done}/${total} files`);
    },
    stop() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
