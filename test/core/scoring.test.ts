import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../src/core/run-rules.js';
import { score } from '../../src/core/scoring.js';
import type { Area, Outcome, Severity } from '../../src/core/types.js';

const check = (area: Area, severity: Severity, outcome: Outcome, extra: Partial<CheckOutcome> = {}): CheckOutcome => ({
  id: `${area}-${severity}-${outcome}-${Math.random()}`,
  area,
  severity,
  title: 't',
  outcome,
  experimental: false,
  ...extra,
});

describe('score', () => {
  it('weighs passing checks by severity within an area', () => {
    // medium pass (3) + low fail (1): 3 / 4 = 75
    const s = score([check('testing', 'medium', 'pass'), check('testing', 'low', 'fail')]);
    expect(s.areas.testing?.score).toBe(75);
    expect(s.overall).toBe(75);
    expect(s.verdict).toBe('READY WITH RECOMMENDATIONS');
  });
  it('ignores n/a, error and experimental checks', () => {
    const s = score([
      check('docs', 'low', 'pass'),
      check('docs', 'critical', 'na'),
      check('docs', 'high', 'error'),
      check('docs', 'high', 'fail', { experimental: true }),
    ]);
    expect(s.areas.docs).toMatchObject({ score: 100, passed: 1, failed: 1, notApplicable: 1, errors: 1 });
    expect(s.verdict).toBe('PRODUCTION READY');
  });
  it('weights areas: security counts three times as much as testing', () => {
    const s = score([check('security', 'medium', 'pass'), check('testing', 'medium', 'fail'), check('testing', 'low', 'pass')]);
    // security 100 × 3, testing 25 × 1 → 325 / 4 = 81.25 → 81
    expect(s.overall).toBe(81);
  });
  it('caps at 49 with an open critical and says NOT READY', () => {
    const many = Array.from({ length: 20 }, () => check('reliability', 'high', 'pass'));
    const s = score([...many, check('security', 'critical', 'fail'), ...Array.from({ length: 10 }, () => check('security', 'high', 'pass'))]);
    expect(s.overall).toBe(49);
    expect(s.cappedBy).toBe('critical');
    expect(s.verdict).toBe('NOT READY');
  });
  it('caps at 74 with an open high', () => {
    const s = score([...Array.from({ length: 20 }, () => check('security', 'high', 'pass')), check('security', 'high', 'fail')]);
    expect(s.overall).toBe(74);
    expect(s.cappedBy).toBe('high');
    expect(s.verdict).toBe('NEEDS WORK');
  });
  it('reaches PRODUCTION READY at 90 with no open high', () => {
    const s = score([...Array.from({ length: 9 }, () => check('data', 'medium', 'pass')), check('data', 'medium', 'fail')]);
    expect(s.overall).toBe(90);
    expect(s.verdict).toBe('PRODUCTION READY');
  });
  it('a severity raised by a finding weighs as raised', () => {
    const s = score([check('security', 'critical', 'fail'), check('security', 'high', 'pass')]);
    expect(s.areas.security?.score).toBe(38); // 6 / 16
  });
});

describe('fix selection', async () => {
  const { fixFor } = await import('../../src/core/run-rules.js');
  const rule = {
    meta: { fix: { default: 'D', docker: 'DOCKER', py: 'PY', fastapi: 'FASTAPI', node: 'NODE' } },
  } as unknown as Parameters<typeof fixFor>[0];
  it('follows the file the finding points at before the detected stacks', () => {
    expect(fixFor(rule, undefined, ['docker', 'fastapi'], 'app/main.py')).toBe('FASTAPI');
    expect(fixFor(rule, undefined, ['docker'], 'app/main.py')).toBe('PY');
    expect(fixFor(rule, undefined, ['fastapi', 'docker'], 'backend/Dockerfile')).toBe('DOCKER');
    expect(fixFor(rule, undefined, ['express'], 'src/app.ts')).toBe('NODE');
    expect(fixFor(rule, 'docker', ['fastapi'], 'app/main.py')).toBe('DOCKER');
    expect(fixFor(rule, undefined, [], 'README.md')).toBe('D');
  });
});

describe('check severity from findings', async () => {
  const { runRules } = await import('../../src/core/run-rules.js');
  const { defineRule, fail } = await import('../../src/core/rule.js');
  const rule = (severities: (undefined | 'low' | 'critical')[]) =>
    defineRule({
      meta: { id: 'x', area: 'security', severity: 'medium', title: 't', failureTitle: 'f', why: 'w', fix: { default: 'd' }, effort: 'minutes', appliesTo: ['any'], needs: ['files'], confidence: 'high' },
      check: () => fail(severities.map((s) => ({ message: 'm', evidence: [{ file: 'a', line: 1, snippet: '' }], ...(s ? { severity: s } : {}) }))),
    });
  const run = (sev: (undefined | 'low' | 'critical')[]) =>
    runRules([rule(sev) as never], {} as never, new Set(['any']), []).checks[0].severity;
  it('takes the worst finding, raised or lowered', () => {
    expect(run(['low', 'low'])).toBe('low');
    expect(run(['low', undefined])).toBe('medium');
    expect(run(['critical', 'low'])).toBe('critical');
  });
});
