import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'error-tracking-unconfigured',
    area: 'observability',
    severity: 'low',
    title: 'The error tracker DSN is configured',
    failureTitle: 'The error tracker is wired but its DSN is not configured anywhere',
    why:
      'An SDK initialised with a DSN read from an environment variable that no env template or deployment config mentions is silently disabled: Sentry with an empty DSN sends nothing and raises no error. ' +
      'The team believes errors are tracked, and the first production incident shows an empty dashboard.',
    fix: {
      default: 'Add the DSN variable to `.env.example` (and to the deployment\'s environment), so every environment sets it.',
      py: 'Add `SENTRY_DSN=` to `.env.example` with a comment, and set it in the platform\'s environment variables.',
      node: 'Add `SENTRY_DSN=` to `.env.example`, and set it in the platform\'s environment variables.',
    },
    examples: { bad: 'sentry_sdk.init(dsn=os.getenv("SENTRY_DSN"))  # .env.example has no SENTRY_DSN', good: '# .env.example\nSENTRY_DSN=', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals', 'envTemplates'],
    confidence: 'medium',
  },
  check(facts) {
    const inits = facts.opsSignals.trackerInits.filter((i) => i.dsn !== 'unknown');
    if (inits.length === 0) return notApplicable('no error tracker initialised with a DSN from the environment or code');
    if (facts.envTemplates.length === 0) return notApplicable('no env template to check the DSN against (see env-example-missing)');
    const findings: Finding[] = inits
      .filter((i) => !i.documented)
      .map((i) => ({
        message: `${i.detail} is initialised with its DSN from ${i.envVar}, which no env template or deployment config mentions: unless someone sets it by hand, error tracking is silently off`,
        evidence: [i.evidence],
      }));
    if (findings.length > 0) return fail(findings);
    const cited = inits.map((i) => `${i.detail} (${i.evidence.file}:${i.evidence.line}; ${i.dsn === 'literal' ? 'DSN in code' : `${i.envVar} documented`})`);
    return pass(`Error tracker DSN configured: ${cited.join('; ')}`, inits.map((i) => i.evidence));
  },
});
