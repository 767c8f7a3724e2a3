import { defineRule } from '../../core/rule.js';
import { backendTargets, inService, fixKeyOf, frameworkLabel, frontendTargets, presence } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'error-tracking-missing',
    area: 'observability',
    severity: 'high',
    title: 'An error tracker is initialised',
    failureTitle: 'No error tracker is initialised',
    why:
      'Without an error tracker, an unhandled exception in production is a line in a log stream nobody is reading: no alert, no stack trace with the request that caused it, no count of how many users hit it. ' +
      'Trackers such as Sentry group errors, notify the team on the first occurrence and keep the context needed to fix them, which is usually how a launch-week bug is found before users report it.',
    fix: {
      default: 'Initialise an error tracker (Sentry, Rollbar, Bugsnag, Honeybadger) once at start-up, with its DSN read from the environment.',
      fastapi: 'Call `sentry_sdk.init(dsn=settings.sentry_dsn, environment=settings.env, traces_sample_rate=0.1)` before `app = FastAPI()`; the FastAPI integration is enabled automatically.',
      flask: 'Call `sentry_sdk.init(dsn=os.environ["SENTRY_DSN"])` before `Flask(__name__)`; the Flask integration is enabled automatically.',
      django: 'Call `sentry_sdk.init(dsn=env("SENTRY_DSN"), send_default_pii=False)` in settings.py.',
      express: 'Create `instrument.js` with `Sentry.init({ dsn: process.env.SENTRY_DSN })` from `@sentry/node`, load it first (`node --import ./instrument.mjs`), and call `Sentry.setupExpressErrorHandler(app)` after the routes.',
      fastify: 'Initialise `@sentry/node` in an instrument file loaded before the app, then `Sentry.setupFastifyErrorHandler(app)`.',
      nestjs: 'Use `@sentry/nestjs`: `Sentry.init(...)` in `instrument.ts` imported first in main.ts, and `SentryModule.forRoot()` in the AppModule.',
      nextjs: 'Run `npx @sentry/wizard@latest -i nextjs`: it adds `Sentry.init` to `instrumentation.ts` / `instrumentation-client.ts` and wraps next.config.',
      node: 'Call `Sentry.init({ dsn: process.env.SENTRY_DSN })` from the matching `@sentry/*` package before the app starts.',
    },
    examples: {
      bad: 'app = FastAPI()',
      good: 'sentry_sdk.init(dsn=settings.sentry_dsn, environment=settings.env)\napp = FastAPI()',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node', 'fe'],
    needs: ['markers', 'appEntries', 'files', 'services'],
    confidence: 'high',
  },
  check(facts) {
    return presence(facts, {
      kind: 'error-tracker',
      targets: [...backendTargets(facts), ...frontendTargets(facts)],
      naReason: 'no web application or front end found',
      passLabel: 'Error tracking initialised',
      missing: (t) => ({
        message:
          t.kind === 'frontend'
            ? `No error tracker is initialised in the front end${inService(t.service)}: browser errors are never reported`
            : `No error tracker is initialised for the ${frameworkLabel(t)}${inService(t.service)}: unhandled exceptions only reach the logs`,
        evidence: [t.anchor],
        ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
      }),
    });
  },
});
