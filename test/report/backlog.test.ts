import { describe, expect, it } from 'vitest';
import type { Effort, Severity } from '../../src/core/types.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { buildBacklog, formatHours } from '../../src/report/backlog.js';
import type { Run, RunFinding } from '../../src/report/schema.js';

let n = 0;
function finding(checkId: string, severity: Severity, effort: Effort, file = 'app/main.py', line = 1): RunFinding {
  n += 1;
  return {
    checkId,
    severity,
    area: 'security',
    title: `${checkId} fails`,
    message: `${checkId} at ${file}:${line}`,
    impact: 'It matters.',
    location: { path: file, line, snippet: 'x = 1' },
    evidence: [{ file, line, snippet: 'x = 1' }],
    fix: 'Fix it.',
    effort,
    fingerprint: `fp${n}`,
  };
}

describe('buildBacklog', () => {
  it('has no backlog when nothing is open', () => {
    expect(buildBacklog([])).toBeUndefined();
  });

  it('puts critical and high in P0, medium in P1, low and info in P2', () => {
    const b = buildBacklog([
      finding('a', 'critical', 'hours'),
      finding('b', 'high', 'minutes'),
      finding('c', 'medium', 'days'),
      finding('d', 'low', 'minutes'),
      finding('e', 'info', 'minutes'),
    ]);
    expect(b?.priorities.map((p) => [p.id, p.items.map((i) => i.checkId)])).toEqual([
      ['P0', ['a', 'b']],
      ['P1', ['c']],
      ['P2', ['d', 'e']],
    ]);
    expect(b?.priorities.map((p) => p.severities)).toEqual([['critical', 'high'], ['medium'], ['low', 'info']]);
  });

  it('estimates each finding at its effort class and sums per item, priority and backlog', () => {
    const b = buildBacklog([
      finding('print', 'medium', 'minutes', 'a.py', 1),
      finding('print', 'medium', 'minutes', 'a.py', 9),
      finding('print', 'medium', 'minutes', 'b.py', 3),
      finding('pool', 'medium', 'hours'),
      finding('backup', 'high', 'days'),
    ]);
    expect(b?.effortHours).toEqual({ minutes: 0.25, hours: 2, days: 8 });
    const p1 = b?.priorities.find((p) => p.id === 'P1');
    expect(p1?.items.map((i) => [i.checkId, i.findings, i.hours])).toEqual([
      ['print', 3, 0.75],
      ['pool', 1, 2],
    ]);
    expect(p1?.findings).toBe(4);
    expect(p1?.hours).toBe(2.75);
    expect(b?.priorities.find((p) => p.id === 'P0')?.hours).toBe(8);
    expect(b?.totalHours).toBe(10.75);
    expect(p1?.items[0].locations).toEqual([
      { path: 'a.py', line: 1 },
      { path: 'a.py', line: 9 },
      { path: 'b.py', line: 3 },
    ]);
  });

  it('orders a priority by severity, then quick wins first', () => {
    const b = buildBacklog([finding('slow-high', 'high', 'days'), finding('quick-high', 'high', 'minutes'), finding('crit', 'critical', 'days')]);
    expect(b?.priorities[0].items.map((i) => i.checkId)).toEqual(['crit', 'quick-high', 'slow-high']);
  });

  it('keeps a check whose findings differ in severity in each priority they reach', () => {
    const b = buildBacklog([finding('cors', 'critical', 'minutes'), finding('cors', 'medium', 'minutes')]);
    expect(b?.priorities.map((p) => p.items.map((i) => [i.checkId, i.severity]))).toEqual([[['cors', 'critical']], [['cors', 'medium']], []]);
  });

  it('formats hours the way a reader writes them', () => {
    expect([0.25, 2, 22.25, 12.5, 0.75].map(formatHours)).toEqual(['0.25', '2', '22.25', '12.5', '0.75']);
  });
});

describe('backlog in the Markdown report', () => {
  const base: Run = {
    schemaVersion: 1,
    tool: { name: 'shipready', version: '0.0.0' },
    scoringVersion: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    target: { path: 'repo' },
    stats: { files: 1, parsedLines: 1 },
    stack: [],
    inventory: { services: [], routes: [], envVars: [] },
    score: { overall: 100, verdict: 'PRODUCTION READY', cappedBy: null, areas: {} },
    checks: [],
    findings: [],
    suppressed: [],
    errors: [],
  };

  it('leaves the section out when nothing is open', () => {
    expect(renderMarkdown(base)).not.toContain('## Prioritised backlog');
  });

  it('shows only the priorities that have items, with their totals', () => {
    const findings = [finding('b', 'low', 'hours'), finding('b', 'low', 'hours')];
    const md = renderMarkdown({ ...base, findings, backlog: buildBacklog(findings) });
    expect(md).toContain('### P2 — fix this month: 2 findings, 4 h');
    expect(md).not.toContain('### P0');
    expect(md).toContain('| | **total** | | | **2** | | **4** | |');
  });
});
