import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/** Platforms that hold back a release until its health check answers: a gated deploy is smoke-tested. */
const GATING = new Set(['railway', 'fly', 'render']);

export default defineRule({
  meta: {
    id: 'smoke-test-missing',
    area: 'testing',
    severity: 'low',
    title: 'Deploys are checked after they go out',
    failureTitle: 'CI deploys without a post-deploy smoke test',
    why: 'A deploy that is never checked reports success even when the new release crashes on start, misses an environment variable or cannot reach its database. A request to the health route (or a few critical routes) right after the deploy turns that into a failed pipeline within minutes instead of a user report.',
    fix: {
      default: 'After the deploy step, request the deployed service and fail on a bad answer, e.g. `curl --fail --retry 10 --retry-delay 6 --retry-all-errors https://$APP_URL/health`.',
      'github-actions': 'Add a step after the deploy: `- run: curl --fail --retry 10 --retry-all-errors "$APP_URL/health"`.',
      'gitlab-ci': 'Add a `smoke` job in a stage after `deploy` whose script curls the deployed health route with `--fail`.',
      fly: 'Add `[[http_service.checks]]` with a `path` in fly.toml so `fly deploy` waits for the new machines to be healthy.',
      railway: 'Set `deploy.healthcheckPath` in railway.json so Railway only switches traffic to a release that answers.',
    },
    examples: { bad: '- run: flyctl deploy --remote-only', good: '- run: flyctl deploy --remote-only\n- run: curl --fail --retry 10 --retry-all-errors https://api.example.com/health', lang: 'yaml' },
    effort: 'minutes',
    appliesTo: ['ci'],
    needs: ['testTooling', 'platformConfigs'],
    confidence: 'medium',
  },
  check({ testTooling, platformConfigs }) {
    if (testTooling.deploys.length === 0) return notApplicable('no deploy step in CI');
    if (testTooling.smoke.length > 0) return pass(`${plural(testTooling.smoke.length, 'post-deploy check')} in CI`, testTooling.smoke);
    const gated = platformConfigs.filter((p) => GATING.has(p.platform) && p.production && p.healthcheck);
    if (gated.length > 0) return pass(`The platform waits for the health check before switching traffic (${gated.map((p) => p.file).join(', ')})`, gated.map((p) => p.healthcheck!));
    return fail(testTooling.deploys.map((d) => ({ message: `${d.file}:${d.line}: deploys with no smoke test afterwards`, evidence: [d] })));
  },
});
