import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'ci-tests-nonblocking',
    area: 'testing',
    severity: 'medium',
    title: 'Tests and type checks can fail the build',
    failureTitle: 'Tests or type checks run in CI but cannot fail the build',
    why: 'A test or type-check step marked `continue-on-error`, `allow_failure` or ended with `|| true` reports green whatever happens, so regressions merge and deploy with a passing pipeline. Reviewers read the check mark, not the logs.',
    fix: {
      default: 'Remove `continue-on-error`, `allow_failure: true` and `|| true` from test and type-check steps; quarantine flaky tests explicitly instead (a marker or a separate, named non-gating job).',
      'github-actions': 'Delete `continue-on-error: true` from the step or job that runs `pytest` / `npm test` / `tsc --noEmit`.',
      'gitlab-ci': 'Delete `allow_failure: true` from the test job.',
    },
    examples: { bad: '- run: pytest || true', good: '- run: pytest', lang: 'yaml' },
    effort: 'minutes',
    appliesTo: ['ci'],
    needs: ['ciConfigs', 'testTooling'],
    confidence: 'high',
  },
  check({ ciConfigs, testTooling }) {
    if (ciConfigs.length === 0) return notApplicable('no CI configuration');
    const gating: Evidence[] = [];
    const soft: { e: Evidence; what: string }[] = [];
    for (const c of ciConfigs)
      for (const j of c.jobs)
        for (const s of j.steps)
          if (s.runsTests) (s.blocking ? gating.push(s.evidence) : soft.push({ e: s.evidence, what: 'tests' }));
    for (const t of testTooling.ciTypeChecks) {
      if (t.blocking) gating.push(t.evidence);
      else if (!soft.some((x) => x.e.file === t.evidence.file && x.e.line === t.evidence.line)) soft.push({ e: t.evidence, what: 'type check' });
    }
    if (gating.length === 0 && soft.length === 0) return notApplicable('CI runs no tests or type checks (see ci-no-tests)');
    if (soft.length === 0) return pass(`${plural(gating.length, 'test / type-check step')} can fail the build`, gating);
    return fail(soft.map((s) => ({ message: `${s.e.file}:${s.e.line}: ${s.what} cannot fail the build`, evidence: [{ ...s.e, note: 'non-blocking' }] })));
  },
});
