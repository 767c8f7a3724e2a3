import { defineRule, plural } from '../../core/rule.js';
import { backendTargets, covering, inService, fixKeyOf, frameworkLabel, presence } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'structured-logging-missing',
    area: 'observability',
    severity: 'high',
    title: 'Logs are structured (JSON)',
    failureTitle: 'Logs are plain text, not structured',
    why:
      'Plain-text log lines cannot be filtered by field: finding every error of one user, one route or one request id means regex over free text, and multi-line tracebacks are split into unrelated entries by most log platforms. ' +
      'JSON logs (one object per line with level, timestamp, logger, message and context) are indexed field by field by Datadog, CloudWatch, Loki or GCP Logging, which makes dashboards, alerts and incident searches possible.',
    fix: {
      default: 'Emit one JSON object per log line with level, timestamp, logger name, message and request context.',
      fastapi: 'Use `structlog` with `structlog.processors.JSONRenderer()`, or `python-json-logger`: `handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))`, and run uvicorn with `--log-config` pointing at the same formatter.',
      flask: 'Configure `logging.config.dictConfig` with a `pythonjsonlogger.jsonlogger.JsonFormatter` formatter before creating the app.',
      django: "In settings.LOGGING, add a formatter `{'()': 'pythonjsonlogger.jsonlogger.JsonFormatter'}` and use it on the console handler.",
      express: 'Replace console/winston text output with `pino` + `pino-http` (`app.use(pinoHttp({ logger }))`), or add `format.json()` to the winston logger.',
      fastify: 'Turn on the built-in pino logger: `Fastify({ logger: { level: process.env.LOG_LEVEL ?? "info" } })`.',
      nestjs: 'Use `nestjs-pino` (`LoggerModule.forRoot()` and `app.useLogger(app.get(Logger))`), or Nest 11 `new ConsoleLogger({ json: true })`.',
      node: 'Use `pino` (JSON by default) and log objects: `logger.info({ userId }, "signed in")`.',
    },
    examples: {
      bad: 'logging.basicConfig(level=logging.INFO)',
      good: 'handler = logging.StreamHandler()\nhandler.setFormatter(jsonlogger.JsonFormatter())\nlogging.basicConfig(level=logging.INFO, handlers=[handler])',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['markers', 'appEntries', 'files', 'services'],
    confidence: 'medium',
  },
  check(facts) {
    const targets = backendTargets(facts);
    return presence(facts, {
      kind: 'structured-logging',
      targets,
      naReason: 'no web application found',
      passLabel: 'Structured logging',
      missing: (t) => {
        // Point at where logging is configured (the formatter goes there); else at the app entry.
        const setups = covering(t, facts.markers, 'logging-setup', facts, targets);
        if (setups.length > 0) {
          const how = [...new Set(setups.map((m) => m.detail))].join(', ');
          return {
            message: `Logging${inService(t.service)} is configured with ${how} (${plural(setups.length, 'place')}) and no JSON formatter: log lines are plain text`,
            evidence: setups.map((m) => m.evidence),
            ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
          };
        }
        return {
          message: `No structured logging set up for the ${frameworkLabel(t)}${inService(t.service)}: logs are plain text lines`,
          evidence: [t.anchor],
          ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
        };
      },
    });
  },
});
