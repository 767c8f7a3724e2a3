/**
 * SARIF output, checked two ways: against the official OASIS SARIF 2.1.0 JSON schema (a draft-04
 * schema, hence ajv-draft-04), and against GitHub code scanning's documented upload rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { buildRun } from '../../src/report/build.js';
import type { Run, RunFinding } from '../../src/report/schema.js';
import { FINGERPRINT_KEY, GITHUB_LIMITS, SARIF_SCHEMA_URI, SRCROOT, renderSarif } from '../../src/render/sarif.js';

const ROOT = join(import.meta.dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-schema-2.1.0.json'), 'utf8')) as { id: string };
// Both packages are CommonJS whose `module.exports` also carries itself as `.default`; under
// NodeNext typing the default import is the module object, so `.default` is the class/function.
const ajv = new AjvDraft04.default({ allErrors: true });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function schemaErrors(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

function sarif(run: Run): Sarif.Log {
  return JSON.parse(renderSarif(run)) as Sarif.Log;
}

const EXAMPLES = ['fastapi-celery-app', 'express-api'] as const;
const runs = new Map<string, Run>();

beforeAll(async () => {
  for (const name of EXAMPLES) {
    const audit = await runAudit(join(ROOT, 'examples', name), { useGit: false });
    runs.set(name, buildRun(audit, { path: `examples/${name}` }));
  }
}, 120_000);

/** Every rule GitHub states for an upload, checked on one log. */
function expectGithubCompatible(log: Sarif.Log, run: Run): void {
  expect(log.version).toBe('2.1.0');
  expect(log.runs.length).toBeLessThanOrEqual(20);
  const [r] = log.runs;
  const rules = r.tool.driver.rules ?? [];
  const results = r.results ?? [];
  expect(results.length).toBeLessThanOrEqual(GITHUB_LIMITS.results);
  expect(rules.length).toBeLessThanOrEqual(GITHUB_LIMITS.rules);
  expect(new Set(rules.map((d) => d.id)).size).toBe(rules.length);
  for (const d of rules) {
    expect(d.shortDescription?.text).toBeTruthy();
    expect(d.fullDescription?.text).toBeTruthy();
    expect(d.help?.text).toBeTruthy();
    expect(['error', 'warning', 'note', 'none']).toContain(d.defaultConfiguration?.level);
    const tags = d.properties?.tags ?? [];
    expect(tags.length).toBeLessThanOrEqual(20);
    const sev = d.properties?.['security-severity'];
    if (sev !== undefined) {
      // GitHub reads it only on security rules, as a number 0.0–10.0 written as a string.
      expect(tags).toContain('security');
      expect(typeof sev).toBe('string');
      expect(Number(sev)).toBeGreaterThan(0);
      expect(Number(sev)).toBeLessThanOrEqual(10);
    }
  }
  for (const res of results) {
    expect(['error', 'warning', 'note', 'none']).toContain(res.level);
    expect(res.message.text).toBeTruthy();
    expect(res.ruleIndex).toBeTypeOf('number');
    expect(rules[res.ruleIndex as number].id).toBe(res.ruleId);
    expect(res.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{16}$/);
    expect(res.locations).toHaveLength(1);
    for (const loc of [...(res.locations ?? []), ...(res.relatedLocations ?? [])]) {
      const p = loc.physicalLocation as Sarif.PhysicalLocation;
      const uri = p.artifactLocation?.uri as string;
      expect(uri).toBeTruthy();
      expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\//i);
      expect(p.artifactLocation?.uriBaseId).toBe(SRCROOT);
      expect(p.region?.startLine).toBeGreaterThanOrEqual(1);
    }
  }
  expect(r.originalUriBaseIds?.[SRCROOT]).toBeDefined();
  // Every check that ran is a rule, every finding a result.
  expect(rules.map((d) => d.id)).toEqual(expect.arrayContaining(run.checks.map((c) => c.id)));
  expect(results.map((x) => x.partialFingerprints?.[FINGERPRINT_KEY]).sort()).toEqual(run.findings.map((f) => f.fingerprint).sort());
}

describe('the schema validator', () => {
  it('rejects what the standard rejects (so a pass means something)', () => {
    const log = sarif(runs.get('express-api') as Run) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    log.runs[0].results[0].level = 'critical';
    (log.runs[0].results[0].locations as Sarif.Location[])[0].physicalLocation = { artifactLocation: { uri: 'src/has space.ts' }, region: { startLine: 0 } };
    const errors = schemaErrors(log);
    expect(errors.some((e) => e.includes('/level'))).toBe(true);
    expect(errors.some((e) => e.includes('/uri') && e.includes('uri-reference'))).toBe(true);
    expect(errors.some((e) => e.includes('/startLine'))).toBe(true);
  });
});

describe.each(EXAMPLES)('SARIF of examples/%s', (name) => {
  it('is valid against the official SARIF 2.1.0 schema', () => {
    const log = sarif(runs.get(name) as Run);
    expect(schemaErrors(log)).toEqual([]);
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(SARIF_SCHEMA_URI).toBe(schema.id);
  });

  it("follows GitHub code scanning's upload rules", () => {
    const run = runs.get(name) as Run;
    expect(run.findings.length).toBeGreaterThan(0);
    expectGithubCompatible(sarif(run), run);
  });

  it('maps severities to levels and carries area, effort and the fix', () => {
    const run = runs.get(name) as Run;
    const log = sarif(run);
    const levels = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' } as const;
    const byFp = new Map(run.findings.map((f) => [f.fingerprint, f]));
    for (const res of log.runs[0].results ?? []) {
      const f = byFp.get(res.partialFingerprints?.[FINGERPRINT_KEY] as string) as RunFinding;
      expect(res.level).toBe(levels[f.severity]);
      expect(res.locations?.[0].physicalLocation?.artifactLocation?.uri).toBe(f.location.path.split('/').map(encodeURIComponent).join('/'));
    }
    for (const d of log.runs[0].tool.driver.rules ?? []) {
      const check = run.checks.find((c) => c.id === d.id);
      expect(d.properties?.area).toBe(check?.area);
      expect(d.properties?.effort).toBe(check?.effort);
      expect(d.help?.text).toContain(check?.fix as string);
      expect(d.shortDescription?.text).toBe(check?.failureTitle);
    }
  });

  it('is deterministic', () => {
    const run = runs.get(name) as Run;
    expect(renderSarif(run)).toBe(renderSarif(structuredClone(run)));
  });
});

describe('SARIF edge cases', () => {
  const base = () => structuredClone(runs.get('fastapi-celery-app') as Run);

  it('a whole-file finding (line 0) points at line 1 without a snippet', () => {
    const run = base();
    const whole = run.findings.find((f) => f.location.line === 0);
    expect(whole).toBeDefined();
    const res = (sarif(run).runs[0].results ?? []).find((r) => r.partialFingerprints?.[FINGERPRINT_KEY] === whole?.fingerprint);
    expect(res?.locations?.[0].physicalLocation?.region).toEqual({ startLine: 1 });
  });

  it("a security rule's security-severity follows the worst finding, its level the default", () => {
    const log = sarif(base());
    const cors = log.runs[0].tool.driver.rules?.find((d) => d.id === 'cors-wildcard');
    expect(cors?.properties?.['security-severity']).toBe('9.5');
    expect(cors?.defaultConfiguration?.level).toBe('error');
    const ci = log.runs[0].tool.driver.rules?.find((d) => d.id === 'ci-missing');
    expect(ci?.properties?.['security-severity']).toBeUndefined();
  });

  it('extra evidence becomes relatedLocations', () => {
    const run = base();
    const multi = run.findings.find((f) => f.evidence.length > 1) as RunFinding;
    const res = (sarif(run).runs[0].results ?? []).find((r) => r.partialFingerprints?.[FINGERPRINT_KEY] === multi.fingerprint);
    expect(res?.relatedLocations).toHaveLength(multi.evidence.length - 1);
    expect(res?.relatedLocations?.[0].physicalLocation?.region?.startLine).toBe(Math.max(1, multi.evidence[1].line));
  });

  it('file errors and failed checks become tool execution notifications', () => {
    const run = base();
    run.errors = [{ path: 'app/my broken.py', message: 'syntax error at 3:1; analysed what parsed' }, { path: '.', message: 'stack detection failed' }];
    run.checks[0] = { ...run.checks[0], outcome: 'error', summary: 'fact failed' };
    const log = sarif(run);
    expect(schemaErrors(log)).toEqual([]);
    const inv = log.runs[0].invocations?.[0] as Sarif.Invocation;
    expect(inv.executionSuccessful).toBe(true);
    const notes = inv.toolExecutionNotifications ?? [];
    expect(notes.find((n) => n.level === 'error')?.associatedRule).toEqual({ id: run.checks[0].id, index: 0 });
    const fileNote = notes.find((n) => n.message.text?.startsWith('app/my broken.py'));
    expect(fileNote?.locations?.[0].physicalLocation?.artifactLocation).toEqual({ uri: 'app/my%20broken.py', uriBaseId: SRCROOT });
    expect(notes.find((n) => n.message.text?.includes('stack detection'))?.locations).toBeUndefined();
  });

  it('a run saved before checks carried their descriptions still renders valid SARIF', () => {
    const run = base();
    run.checks = run.checks.map(({ id, area, severity, title, outcome }) => ({ id, area, severity, title, outcome }));
    run.findings.push({ ...run.findings[0], checkId: 'retired-check', fingerprint: '0123456789abcdef' });
    const log = sarif(run);
    expect(schemaErrors(log)).toEqual([]);
    expectGithubCompatible(log, run);
  });

  it('truncates to GitHub limits, worst first, and says so', () => {
    const run = base();
    const medium = run.findings.find((f) => f.severity === 'medium') as RunFinding;
    const critical = run.findings.find((f) => f.severity === 'critical') as RunFinding;
    const many = Array.from({ length: GITHUB_LIMITS.results }, (_, i) => ({ ...medium, fingerprint: i.toString(16).padStart(16, '0') }));
    run.findings = [...many, critical];
    const log = sarif(run);
    const results = log.runs[0].results ?? [];
    expect(results).toHaveLength(GITHUB_LIMITS.results);
    expect(results[0].level).toBe('error');
    const notes = log.runs[0].invocations?.[0].toolExecutionNotifications ?? [];
    expect(notes.some((n) => /1 of 25001 results left out/.test(n.message.text ?? ''))).toBe(true);
  });

  it('caps related locations at what GitHub keeps', () => {
    const run = base();
    const f = run.findings[0];
    f.evidence = Array.from({ length: 150 }, (_, i) => ({ file: 'a.py', line: i + 1, snippet: `x${i}` }));
    const res = (sarif(run).runs[0].results ?? []).find((r) => r.partialFingerprints?.[FINGERPRINT_KEY] === f.fingerprint);
    expect(res?.relatedLocations).toHaveLength(GITHUB_LIMITS.relatedLocations);
    expect(res?.properties?.relatedLocationsOmitted).toBe(149 - GITHUB_LIMITS.relatedLocations);
  });
});
