#!/usr/bin/env node
// Entry point. The TypeScript is compiled to dist/ by `npm ci` (the package's prepare script), then
// bundled into dist/bundle/ (scripts/bundle.mjs), which loads in half the time of ~250 modules.
// A bundle older than the compiled code (a plain `tsc` run since) is ignored.
import { existsSync, statSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
const bundled = new URL('../dist/bundle/shipready.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write('shipready: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(2);
}
const entry = existsSync(bundled) && statSync(bundled).mtimeMs >= statSync(compiled).mtimeMs ? bundled : compiled;
// `shipready audit | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
