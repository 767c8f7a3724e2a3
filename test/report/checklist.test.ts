import { describe, expect, it } from 'vitest';
import type { Severity } from '../../src/core/types.js';
import { buildBacklog } from '../../src/report/backlog.js';
import { buildChecklist, type ChecklistInput } from '../../src/report/checklist.js';
import { platformFor } from '../../src/report/knowledge/platforms.js';
import type { RunCheck, RunFinding } from '../../src/report/schema.js';

function finding(checkId: string, severity: Severity): RunFinding {
  return {
    checkId,
    severity,
    area: 'reliability',
    title: `${checkId} headline`,
    message: 'message',
    impact: 'impact',
    location: { path: 'app.py', line: 3, snippet: 's' },
    evidence: [{ file: 'app.py', line: 3, snippet: 's' }],
    fix: 'fix',
    effort: 'minutes',
    fingerprint: `${checkId}-${severity}`,
  };
}

function check(id: string, outcome: RunCheck['outcome'], severity: Severity = 'high'): RunCheck {
  return { id, area: 'reliability', severity, title: `${id} strength`, outcome, ...(outcome === 'pass' ? { strengths: [{ file: 'ok.py', line: 1, snippet: 'ok' }] } : {}) };
}

function input(over: Partial<ChecklistInput> = {}): ChecklistInput {
  const findings = over.findings ?? [];
  return { checks: [], findings, backlog: buildBacklog(findings), stackIds: [], ops: null, envVars: [], routes: [], ...over };
}

const phase = (c: ReturnType<typeof buildChecklist>, id: string) => c?.phases.find((p) => p.id === id)?.items ?? [];

describe('buildChecklist', () => {
  it('has nothing to say for an empty run', () => {
    expect(buildChecklist(input())).toBeUndefined();
  });

  it('opens P0 items before launch, P1 in the first week, P2 in the first month', () => {
    const findings = [finding('cors', 'critical'), finding('pool', 'medium'), finding('pool', 'medium'), finding('lint', 'low')];
    const c = buildChecklist(input({ findings }));
    expect(phase(c, 'pre-launch').map((i) => [i.text, i.done, i.source])).toEqual([['cors headline', false, 'finding']]);
    expect(phase(c, 'first-week').map((i) => i.text)).toEqual(['pool headline (2 places)']);
    expect(phase(c, 'first-month').map((i) => i.checkId)).toEqual(['lint']);
    expect(phase(c, 'pre-launch')[0].evidence).toEqual([{ file: 'app.py', line: 3, snippet: 's' }]);
  });

  it('ticks passing checks in the phase their severity belongs to, and skips the rest', () => {
    const c = buildChecklist(input({ checks: [check('auth', 'pass', 'high'), check('headers', 'pass', 'medium'), check('docs', 'na'), check('tests', 'error')] }));
    expect(phase(c, 'pre-launch').map((i) => [i.checkId, i.done])).toEqual([['auth', true]]);
    expect(phase(c, 'first-week').map((i) => [i.checkId, i.done])).toEqual([['headers', true]]);
    expect(c?.phases.map((p) => p.id)).toEqual(['pre-launch', 'first-week']);
  });

  it('adds the standard items of the detected stacks, with the platform commands', () => {
    const c = buildChecklist(input({ stackIds: ['postgres', 'fly'], ops: platformFor(['postgres', 'fly']) }));
    const week = phase(c, 'first-week').find((i) => i.stack === 'postgres');
    expect(week).toMatchObject({ command: 'SELECT count(*) FROM pg_stat_activity;', shell: 'fly postgres connect -a <postgres-app>', source: 'standard', done: false });
    expect(phase(c, 'pre-launch').some((i) => i.command === 'fly scale count 2')).toBe(true);
    // Nothing for stacks that were not detected.
    expect(c?.phases.flatMap((p) => p.items).some((i) => i.stack?.includes('celery'))).toBe(false);
  });

  it('needs every stack of a combined item', () => {
    const only = buildChecklist(input({ stackIds: ['celery'] }));
    const both = buildChecklist(input({ stackIds: ['celery', 'redis'] }));
    expect(phase(only, 'pre-launch').some((i) => i.stack === 'redis+celery')).toBe(false);
    expect(phase(both, 'pre-launch').some((i) => i.stack === 'redis+celery')).toBe(true);
  });

  it('leaves a standard item to the check that covers it when that check ran', () => {
    const ran = buildChecklist(input({ stackIds: ['fastapi'], checks: [check('api-docs-public', 'fail')] }));
    const notRun = buildChecklist(input({ stackIds: ['fastapi'] }));
    expect(phase(ran, 'pre-launch').some((i) => i.stack === 'fastapi')).toBe(false);
    expect(phase(notRun, 'pre-launch').some((i) => i.stack === 'fastapi')).toBe(true);
  });

  it('asks to set the variables read without a default, naming the secrets, and to monitor the health route', () => {
    const envVars = [
      { name: 'DATABASE_URL', readAt: [{ file: 'c.py', line: 2, snippet: 'database_url: str' }], required: true, documented: true, secret: false },
      { name: 'API_KEY', readAt: [{ file: 'c.py', line: 3, snippet: 'api_key: str' }], required: true, documented: false, secret: true },
      { name: 'DEBUG', readAt: [{ file: 'c.py', line: 4, snippet: 'debug: bool = False' }], required: false, documented: true, secret: false },
    ];
    const routes = [{ method: 'GET', path: '/healthz', framework: 'express', location: { file: 'r.ts', line: 5, snippet: "get('/healthz')" }, auth: false, rateLimited: false, callsLlm: false }];
    const c = buildChecklist(input({ envVars, routes, stackIds: ['railway'], ops: platformFor(['railway']) }));
    const [vars, monitor] = phase(c, 'pre-launch').filter((i) => i.source === 'fact');
    expect(vars.text).toContain('Set the 2 environment variables the code reads without a default on Railway');
    expect(vars.text).toContain('DATABASE_URL, API_KEY; secrets: API_KEY');
    expect(vars.command).toBe('railway variables --set "<NAME>=<value>"');
    expect(vars.evidence.map((e) => e.line)).toEqual([2, 3]);
    expect(monitor.text).toBe('Point an external uptime monitor at GET /healthz and alert someone when it fails');
  });
});
