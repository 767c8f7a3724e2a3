#!/usr/bin/env node
// Entry point. The TypeScript is compiled to dist/ by `npm ci` (the package's prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('shipready: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(2);
}
// `shipready audit | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
