/**
 * `shipready report <run.json>`: a saved run re-renders to exactly what the audit wrote, and every
 * way the file can be wrong is one line on stderr with exit code 2. Runs the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSchema } from '../../src/report/schema.js';
import { renderSarif } from '../../src/render/sarif.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'shipready.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function oneLineError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

let dir: string;
let runFile: string;

beforeAll(() => {
  // One audit writes both formats, so the md to compare with is from the very same run.
  dir = mkdtempSync(join(tmpdir(), 'shipready-report-'));
  const r = cli('audit', 'examples/express-api', '-f', 'json,md', '--out-dir', dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  runFile = join(dir, 'shipready-report.json');
}, 120_000);

describe('report re-renders a saved run', () => {
  it('md equals the md the audit wrote', () => {
    const r = cli('report', runFile, '--format', 'md');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(dir, 'shipready-report.md'), 'utf8'));
  });

  it('json round-trips unchanged', () => {
    const r = cli('report', runFile, '-f', 'json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(runFile, 'utf8'));
  });

  it('writes sarif and terminal into --out-dir, and one format to --output', () => {
    const out = join(dir, 'again');
    const r = cli('report', runFile, '-f', 'sarif', '-f', 'terminal', '--out-dir', out);
    expect(r.code).toBe(0);
    const run = runSchema.parse(JSON.parse(readFileSync(runFile, 'utf8')));
    expect(readFileSync(join(out, 'shipready-report.sarif'), 'utf8')).toBe(renderSarif(run));
    expect(readFileSync(join(out, 'shipready-report.txt'), 'utf8')).toContain(run.score.verdict);
    const single = join(dir, 'one.sarif');
    expect(cli('report', runFile, '-f', 'sarif', '-o', single).code).toBe(0);
    expect(JSON.parse(readFileSync(single, 'utf8')).version).toBe('2.1.0');
  });
});

describe('report: bad input is one line and exit 2', () => {
  const write = (name: string, content: string) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const saved = () => JSON.parse(readFileSync(runFile, 'utf8')) as Record<string, unknown>;

  it('missing file', () => oneLineError(cli('report', join(dir, 'nope.json')), /^shipready: run file not found: .*nope\.json$/));
  it('a folder', () => oneLineError(cli('report', dir), /is a folder; expected a JSON run/));
  it('unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const p = write('locked.json', '{}');
    chmodSync(p, 0o000);
    oneLineError(cli('report', p), /^shipready: cannot read .*locked\.json: EACCES$/);
  });
  it('not JSON', () => oneLineError(cli('report', write('bad.json', '{"schemaVersion": 1,\n oops')), /bad\.json is not JSON: /));
  it('not a run', () => oneLineError(cli('report', write('array.json', '[1, 2]')), /array\.json is not a shipready run: it has no schemaVersion/));
  it('wrong schemaVersion', () => {
    const p = write('v2.json', JSON.stringify({ ...saved(), schemaVersion: 2 }));
    oneLineError(cli('report', p), /v2\.json has schemaVersion 2; this shipready reads schemaVersion 1/);
  });
  it('schema mismatch', () => {
    const run = saved();
    delete run.score;
    (run.findings as Record<string, unknown>[])[0].severity = 'apocalyptic';
    const p = write('broken.json', JSON.stringify(run));
    oneLineError(cli('report', p), /broken\.json does not match the run schema: \S+: .+ \(and 1 more\)$/);
  });
  it('unknown format, before the file is read', () => oneLineError(cli('report', join(dir, 'nope.json'), '-f', 'xml'), /--format: unknown format 'xml'/));
  it('an --output folder that does not exist', () =>
    oneLineError(cli('report', runFile, '-f', 'md', '-o', join(dir, 'no', 'such', 'dir', 'r.md')), /^shipready: cannot write .*r\.md: ENOENT$/));
});
