/**
 * `shipready audit --timing`: where the time went, on stderr, never mixed into the report. Values
 * are not asserted (timing lives in benchmarks), only the table's shape. Runs the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SelfTimer } from '../../src/audit/timing.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'shipready.js');

describe('audit --timing', () => {
  it('prints phases, the slowest facts and checks to stderr and leaves stdout to the report', () => {
    const r = spawnSync(process.execPath, [BIN, 'audit', 'examples/express-api', '--format', 'json', '--timing'], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Timing/);
    for (const phase of [/^ {2}discover \(\d+ files\)\s+[\d,]+ ms$/, /^ {2}parse \(\d+ files, \d+ lines\)\s+[\d,]+ ms$/, /^ {2}render and write \(json\)\s+[\d,]+ ms$/]) {
      expect(lines.some((l) => phase.test(l))).toBe(true);
    }
    expect(lines.some((l) => /^Slowest facts \(\d+, [\d,]+ ms in all\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}routes\s+[\d,]+ ms$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Slowest checks \(\d+, [\d,]+ ms in all\)$/.test(l))).toBe(true);
  });

  it('prints nothing about time without the flag', () => {
    const r = spawnSync(process.execPath, [BIN, 'audit', 'examples/express-api', '--format', 'json', '--output', '-'], { encoding: 'utf8', cwd: ROOT });
    expect(r.stderr).not.toMatch(/Timing/);
  });
});

describe('SelfTimer', () => {
  it('charges nested work to the inner key only', () => {
    const into = new Map<string, number>();
    const t = new SelfTimer(into);
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const start = performance.now();
    t.begin('outer');
    busy(20);
    t.begin('inner');
    busy(40);
    t.end();
    t.end();
    const wall = performance.now() - start;
    expect(into.get('inner')).toBeGreaterThanOrEqual(40);
    expect(into.get('outer')).toBeGreaterThanOrEqual(20);
    // Self times add up to the wall time: the inner 40 ms were not charged to 'outer' as well.
    expect(into.get('outer')! + into.get('inner')!).toBeLessThanOrEqual(wall + 1);
  });
});
