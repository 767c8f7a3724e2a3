/**
 * Writes docs/examples/<app>/report.<ext> in every format from the example apps, so readers can see
 * what shipready produces without installing it. `npm run example-reports` after checks change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAudit } from '../src/audit/run.js';
import { FORMATS, extensionFor, renderAs } from '../src/cli/formats.js';
import { buildRun } from '../src/report/build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const APPS = ['fastapi-celery-app', 'express-api'];

for (const app of APPS) {
  const target = `examples/${app}`;
  const audit = await runAudit(join(root, target));
  const run = buildRun(audit, { path: target });
  const outDir = join(root, 'docs', 'examples', app);
  mkdirSync(outDir, { recursive: true });
  for (const format of FORMATS) {
    const file = join(outDir, `report.${extensionFor(format)}`);
    writeFileSync(file, renderAs(format, run, { color: false }));
    console.log(`wrote ${file.slice(root.length + 1)}`);
  }
}
