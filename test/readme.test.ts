/** The README is a contract: its links resolve and its check count is the registered count. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.generated.js';
import { FORMATS, extensionFor } from '../src/cli/formats.js';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(5);
    for (const l of links) expect(existsSync(join(ROOT, l)), l).toBe(true);
  });
  it('links an example report in every format for both example apps', () => {
    for (const app of ['fastapi-celery-app', 'express-api']) {
      for (const f of FORMATS) expect(readme).toContain(`docs/examples/${app}/report.${extensionFor(f)}`);
    }
  });
  it('states the number of registered checks', () => {
    expect(readme).toContain(`**${RULES.length} checks**`);
  });
  it('has a Quick start with exactly two commands', () => {
    const quick = readme.split('## Quick start')[1].split('\n## ')[0];
    const commands = [...quick.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
    expect(commands).toEqual(['npm ci && node bin/shipready.js audit examples/fastapi-celery-app', 'npm ci && npm test']);
  });
});
