import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'log-level-hardcoded',
    area: 'observability',
    severity: 'low',
    title: 'The log level is configurable',
    failureTitle: 'The log level is hard-coded',
    why:
      'When the level is a literal in code, turning on DEBUG to investigate a production incident means a code change and a redeploy, exactly when speed matters; a DEBUG literal left in place floods the log bill and can leak request data. ' +
      'Reading it from the environment (`LOG_LEVEL`) lets each environment choose, and lets operators raise verbosity for an hour without a release.',
    fix: {
      default: 'Read the level from the environment or settings, with a sensible default: `LOG_LEVEL=info`.',
      py: 'Use `logging.basicConfig(level=os.getenv("LOG_LEVEL", "INFO"))` or `settings.log_level` from your settings class.',
      node: "Use `pino({ level: process.env.LOG_LEVEL ?? 'info' })` / `winston.createLogger({ level: process.env.LOG_LEVEL || 'info' })`.",
    },
    examples: { bad: 'logging.basicConfig(level=logging.DEBUG)', good: 'logging.basicConfig(level=os.getenv("LOG_LEVEL", "INFO"))', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals'],
    confidence: 'medium',
  },
  check(facts) {
    const sites = facts.opsSignals.logLevels;
    if (sites.length === 0) return notApplicable('the code sets no log level');
    const configurable = new Set(sites.filter((s) => s.configurable).map((s) => s.service));
    const findings: Finding[] = sites
      .filter((s) => !s.configurable && !configurable.has(s.service))
      .map((s) => ({ message: `The log level is a literal (${(s.evidence.note ?? '').replace(/^log level /, '')}) and nothing in the logging set-up reads it from the environment or settings`, evidence: [s.evidence] }));
    if (findings.length > 0) return fail(findings);
    const good = sites.filter((s) => s.configurable);
    return pass(`Log level read from configuration: ${good.map((s) => `${s.evidence.file}:${s.evidence.line}`).join(', ')}`, good.map((s) => s.evidence));
  },
});
