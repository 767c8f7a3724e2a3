/** Bad input gets one clear line on stderr and exit code 2 — never a stack trace. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shipready.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempRepo(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipready-bad-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

function oneLineError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('bad input', () => {
  it('missing path', () => oneLineError(cli('audit', '/no/such/folder'), /^shipready: path not found: \/no\/such\/folder$/));
  it('a file instead of a folder', () => {
    const dir = tempRepo({ 'main.py': 'print(1)\n' });
    oneLineError(cli('audit', join(dir, 'main.py')), /is a file; shipready audits a repository folder/);
  });
  it('an empty folder', () => oneLineError(cli('audit', mkdtempSync(join(tmpdir(), 'shipready-empty-'))), /is empty: nothing to audit/));
  it('unknown format, check and severity', () => {
    const dir = tempRepo({ 'main.py': 'x = 1\n' });
    oneLineError(cli('audit', dir, '--format', 'xml'), /unknown format 'xml'/);
    oneLineError(cli('audit', dir, '--only', 'no-such-check'), /unknown check or area 'no-such-check'/);
    oneLineError(cli('audit', dir, '--fail-on', 'sometimes'), /--fail-on: expected critical, high or medium/);
    oneLineError(cli('audit', dir, '--fail-under', 'lots'), /--fail-under: expected a whole number/);
  });
  it('a reader that closes the pipe early is not an error', () => {
    // The example app's JSON report is larger than a pipe buffer, so the writer meets the closed pipe.
    const app = join(import.meta.dirname, '..', '..', 'examples', 'fastapi-celery-app');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" audit "${app}" --format json | head -c 10`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toHaveLength(10);
  });
  it('unknown check in explain', () => oneLineError(cli('explain', 'tests-misin'), /unknown check 'tests-misin'/));

  it('syntax errors are reported and the scan goes on', async () => {
    const dir = tempRepo({
      'requirements.txt': 'fastapi\n',
      'app/broken.py': 'def handler(:\n    return 1\n',
      'app/ok.py': 'from fastapi import FastAPI\napp = FastAPI()\n',
      'src/broken.ts': 'export const x = {;\n',
      'package.json': '{"name":"x","dependencies":{"express":"4"}}',
    });
    const audit = await runAudit(dir, { useGit: false });
    const paths = audit.errors.map((e) => e.path);
    expect(paths).toContain('app/broken.py');
    expect(paths).toContain('src/broken.ts');
    expect(audit.errors.find((e) => e.path === 'app/broken.py')?.message).toMatch(/syntax error/);
    // The good file was still analysed.
    expect(audit.repo.models.get('app/ok.py')?.calls.some((c) => c.callee === 'FastAPI')).toBe(true);
    const r = cli('audit', dir, '--format', 'json');
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['app/broken.py', 'src/broken.ts']));
  });

  it('binary, very large and unreadable files are listed in errors, not fatal', async () => {
    const big = `x = "${'a'.repeat(1024 * 1024 + 10)}"\n`;
    const dir = tempRepo({
      'main.py': 'print("hi")\n',
      'data.bin': Buffer.from([0, 1, 2, 3, 0, 0, 255]),
      'huge.py': big,
      'secret.py': 'y = 2\n',
    });
    chmodSync(join(dir, 'secret.py'), 0o000);
    const audit = await runAudit(dir, { useGit: false });
    const byPath = Object.fromEntries(audit.errors.map((e) => [e.path, e.message]));
    expect(byPath['data.bin']).toMatch(/binary/i);
    expect(byPath['huge.py']).toMatch(/large|MiB|size/i);
    // Root can read anything; elsewhere the unreadable file must be reported.
    if (process.getuid?.() !== 0) expect(byPath['secret.py']).toMatch(/unreadable|EACCES|permission/i);
    expect(audit.repo.models.has('main.py')).toBe(true);
  });
});
