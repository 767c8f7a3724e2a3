import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, type Finding, type FixKey } from '../../core/rule.js';

const STACK: Record<string, FixKey> = { express: 'express', fastify: 'fastify', nestjs: 'nestjs' };

export default defineRule({
  meta: {
    id: 'unhandled-rejection',
    area: 'reliability',
    severity: 'medium',
    title: 'Process-level errors are handled',
    failureTitle: 'No unhandledRejection / uncaughtException handling',
    why:
      'Since Node 15 a promise rejection that nothing catches (a forgotten `await`, a fire-and-forget call) crashes the whole server process, as an exception thrown in a callback or timer always has: every in-flight request on that instance fails and nothing records why, beyond a stack trace on stderr. ' +
      'A process-level handler logs the error with context and reports it to the error tracker, then shuts down cleanly (or keeps serving when that is safe), so the crash is visible and diagnosable.',
    fix: {
      default:
        "In the server's entry file: `process.on('unhandledRejection', (reason) => { logger.error({ err: reason }, 'unhandled rejection'); })` and `process.on('uncaughtException', (err) => { logger.fatal({ err }, 'uncaught exception'); server.close(() => process.exit(1)); })`, or initialise `@sentry/node`, whose default integrations register both.",
      express:
        "In the file that calls `app.listen`, keep the server (`const server = app.listen(port)`) and add `process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'))` and `process.on('uncaughtException', (err) => { logger.fatal({ err }, 'uncaught exception'); server.close(() => process.exit(1)); })`.",
      fastify:
        "Use `close-with-grace`: `closeWithGrace({ delay: 10000 }, async ({ err }) => { if (err) app.log.error(err); await app.close(); })`, which handles uncaughtException and unhandledRejection, or register `process.on('unhandledRejection', …)` in the entry file.",
      nestjs:
        "In `main.ts` before `app.listen`: `process.on('unhandledRejection', (reason) => Logger.error(reason, 'unhandledRejection'));` (or `Sentry.init()` from `@sentry/nestjs`).",
    },
    examples: {
      bad: "const app = express();\napp.listen(3000);",
      good: "const server = app.listen(3000);\nprocess.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));\nprocess.on('uncaughtException', (err) => { logger.fatal({ err }); server.close(() => process.exit(1)); });",
      lang: 'js',
    },
    effort: 'minutes',
    appliesTo: ['node'],
    needs: ['processErrorHandling'],
    confidence: 'high',
  },
  check({ processErrorHandling }) {
    if (processErrorHandling.length === 0) return notApplicable('no Node server started by the code (an Express, Fastify, NestJS, Koa or Hono app, or http.createServer, run with listen or a node start command); Next.js and serverless platforms own their process');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const p of processErrorHandling) {
      if (p.handlers.length > 0 || p.libraries.length > 0) {
        strengths.push(...p.handlers, ...p.libraries);
        continue;
      }
      findings.push({
        message: `The ${p.framework === 'http' ? 'Node' : p.framework === 'nestjs' ? 'NestJS' : p.framework[0].toUpperCase() + p.framework.slice(1)} server${p.service ? ` in ${p.service}/` : ''} registers no unhandledRejection or uncaughtException handler: an unhandled rejection crashes the process (Node 15+) with only a stack trace on stderr, never through the app's logger or error tracker`,
        evidence: [p.entry],
        stack: STACK[p.framework] ?? 'node',
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass('Process-level errors (unhandledRejection / uncaughtException) are handled', strengths);
  },
});
