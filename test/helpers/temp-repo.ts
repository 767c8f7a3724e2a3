/**
 * Tiny repositories for extractor tests: files written to a fresh temp folder, removed when the test
 * file ends, and audited without git and without running checks (the tests read facts).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { runAudit } from '../../src/audit/run.js';

const made: string[] = [];
afterAll(() => {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Writes `files` (path → text) under a new temp folder and returns it; `.sh` files are made executable. */
export function tempRepo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'shipready-test-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    if (path.endsWith('.sh')) chmodSync(join(root, path), 0o755);
  }
  return root;
}

/** The audit of a tiny repository, with no check selected: its facts, repo context and errors. */
export function auditRepo(files: Record<string, string>) {
  return runAudit(tempRepo(files), { only: ['none'], useGit: false });
}
