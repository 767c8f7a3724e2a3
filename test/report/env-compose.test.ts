/** The env inventory covers compose `environment:`: where a deployment already sets what the code reads. */
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { buildRun } from '../../src/report/build.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { tempRepo } from '../helpers/temp-repo.js';

describe('env inventory and compose environment', () => {
  it('lists where compose sets a variable the code reads, with secret values hidden', async () => {
    const secret = 'q9Zt4LmV8xR2wP6yK1nB';
    const dir = tempRepo({
      'requirements.txt': 'fastapi\n',
      'app/main.py': 'import os\nfrom fastapi import FastAPI\napp = FastAPI()\nDB = os.environ["DATABASE_URL"]\nKEY = os.getenv("SIGNING_KEY")\nMODE = os.getenv("MODE", "x")\n',
      'docker-compose.yml': `services:\n  api:\n    build: .\n    environment:\n      DATABASE_URL: postgres://db/app\n      SIGNING_KEY: ${secret}\n      UNUSED: "1"\n`,
    });
    const run = buildRun(await runAudit(dir, { useGit: false }), { path: dir });
    const byName = Object.fromEntries(run.inventory.envVars.map((v) => [v.name, v]));
    expect(byName.DATABASE_URL.setIn?.map((e) => `${e.file}:${e.line}`)).toEqual(['docker-compose.yml:5']);
    expect(byName.SIGNING_KEY.setIn?.map((e) => e.line)).toEqual([6]);
    expect(byName.MODE.setIn).toBeUndefined();
    expect(byName.UNUSED).toBeUndefined();
    expect(JSON.stringify(run)).not.toContain(secret);
    const md = renderMarkdown(run);
    expect(md).toContain('| set in compose |');
    expect(md).toMatch(/\| `DATABASE_URL` \|.*\| docker-compose\.yml:5 \|/);
  });
});
