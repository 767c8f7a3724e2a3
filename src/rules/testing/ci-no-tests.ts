import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { CiConfig, CiJob } from '../../facts/fact-map.js';

/** Events that gate a change: a push, a pull/merge request, a merge queue. */
const GATING = new Set(['push', 'pull_request', 'pull_request_target', 'merge_group', 'merge_request']);

/** A step that hands over to a pipeline defined elsewhere (a reusable workflow of another repository, a CI include). */
const PIPELINE_REF = /\.ya?ml(@|$)/i;

function gates(config: CiConfig, job: CiJob): boolean {
  return (job.triggers ?? config.triggers).some((t) => GATING.has(t));
}

export default defineRule({
  meta: {
    id: 'ci-no-tests',
    area: 'testing',
    severity: 'high',
    title: 'CI runs the tests on every push and pull request',
    failureTitle: 'CI does not run the tests',
    why: 'A pipeline that lints, builds or deploys but never runs the test suite gives a green check to changes that break behaviour, which is worse than no check because reviewers trust it. Tests only protect the main branch when a failing test fails the build that gates the merge or the deploy.',
    fix: {
      default: 'Add a step that runs the test suite to the workflow that runs on push and pull_request, without `continue-on-error` or `|| true`, so a failing test fails the build.',
      'github-actions': 'In the workflow triggered by `on: [push, pull_request]`, add `- run: pytest` (or `- run: npm test`) after installing dependencies; keep `continue-on-error` off.',
      'gitlab-ci': 'Add a `test` job whose `script` runs `pytest` or `npm test`, without `allow_failure: true`, in a stage that runs for branch and merge request pipelines.',
      py: 'Run `pytest` (or `python manage.py test`) in CI after `pip install -r requirements.txt`.',
      node: 'Run `npm test` (or `npx vitest run`) in CI after `npm ci`.',
    },
    examples: { bad: 'steps:\n  - run: ruff check .', good: 'steps:\n  - run: ruff check .\n  - run: pytest', lang: 'yaml' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['ciConfigs'],
    confidence: 'high',
  },
  check({ ciConfigs }) {
    if (ciConfigs.length === 0) return notApplicable('no CI configuration (see ci-missing)');
    const readable = ciConfigs.filter((c) => c.jobs.length > 0);
    const running: Evidence[] = [];
    const nonBlocking: Evidence[] = [];
    /** Jobs whose only test steps cannot fail the build: where the fix goes. */
    const nonBlockingJobs: Evidence[] = [];
    const offTrigger: Evidence[] = [];
    const opaque: string[] = [];
    for (const c of readable) {
      for (const j of c.jobs) {
        const gated = gates(c, j);
        for (const s of j.steps) {
          if (s.runsTests) {
            if (!gated) offTrigger.push({ ...s.evidence, note: `runs only on ${(j.triggers ?? c.triggers).join(', ') || 'no event'}` });
            else if (s.blocking) running.push(s.evidence);
            else {
              nonBlocking.push({ ...s.evidence, note: 'cannot fail the build' });
              if (!nonBlockingJobs.includes(j.evidence)) nonBlockingJobs.push(j.evidence);
            }
          } else if (gated && s.uses && PIPELINE_REF.test(s.uses)) opaque.push(s.uses);
        }
      }
    }
    if (running.length > 0) return pass(`${plural(running.length, 'CI step')} ${running.length === 1 ? 'runs' : 'run'} the tests on push / pull request`, running);
    if (opaque.length > 0) return notApplicable(`the tests may run in ${opaque.slice(0, 3).join(', ')}, defined outside the repository`);
    const unreadable = ciConfigs.filter((c) => c.jobs.length === 0);
    if (unreadable.length > 0) return notApplicable(`the tests may run in ${unreadable.map((c) => c.file).join(', ')}, whose steps are not read`);
    const gatedConfigs = readable.filter((c) => c.jobs.some((j) => gates(c, j)));
    const anchors = nonBlockingJobs.length
      ? nonBlockingJobs
      : (gatedConfigs.length ? gatedConfigs : readable).map((c) => c.jobs[0]?.evidence ?? evidenceForFile(c.file, 'CI configuration'));
    const reason = nonBlocking.length
      ? 'the tests run only in steps that cannot fail the build'
      : offTrigger.length
        ? 'the tests run only on events other than push / pull request'
        : gatedConfigs.length
          ? 'no step runs a test suite'
          : 'no workflow runs on push or pull request';
    return fail([
      {
        message: `CI (${readable.map((c) => c.file).join(', ')}): ${reason}`,
        evidence: [...anchors, ...nonBlocking, ...offTrigger],
      },
    ]);
  },
});
