#!/usr/bin/env node
// Entry point. The TypeScript is compiled to dist/ by `npm ci` (the package's prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('shipready: dist/ is missing; run `npm ci` (or `npm run build`) first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
