import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';
import { backendTargets, fixKeyOf, frameworkLabel, inService } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'request-logging-missing',
    area: 'observability',
    severity: 'medium',
    title: 'Each request is logged with method, path and status',
    failureTitle: 'Requests are not logged',
    why:
      'An access log line per request (method, path, status, duration) is what answers "what was the user doing when it broke", "which endpoint is slow" and "how many 500s since the deploy". ' +
      'Without it, an incident starts with no timeline: errors in the application log cannot be tied to the request that caused them, and slow or failing endpoints stay invisible until users complain.',
    fix: {
      default: 'Log one line per request with method, path, status and duration: enable the server access log or add a logging middleware.',
      fastapi: 'Run under uvicorn without `--no-access-log` (it logs method, path and status), or add a middleware: `@app.middleware("http")` that measures `time.perf_counter()` around `call_next` and logs method, path, status and elapsed ms.',
      flask: 'Start gunicorn with `--access-logfile -` (and an `--access-logformat` including `%(M)s` ms), or log in an `@app.after_request` hook.',
      django: 'Start gunicorn with `--access-logfile -`, or add `django-request-logging` / django-structlog\'s RequestMiddleware to MIDDLEWARE.',
      express: 'Add `app.use(pinoHttp())` from pino-http (or `morgan("combined")`) before the routes.',
      fastify: 'Create the app with `Fastify({ logger: true })`: it logs each request and response time.',
      nestjs: 'Use nestjs-pino: `LoggerModule.forRoot()` in the AppModule logs every request with its status and duration.',
      node: 'Add a request logger middleware (pino-http, morgan) before the routes.',
    },
    examples: { bad: 'CMD ["uvicorn", "app.main:app", "--no-access-log"]', good: 'CMD ["gunicorn", "app.main:app", "-k", "uvicorn.workers.UvicornWorker", "--access-logfile", "-"]', lang: 'dockerfile' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals', 'appEntries', 'files', 'services'],
    confidence: 'medium',
  },
  check(facts) {
    // Next.js route handlers are served by the platform (Vercel logs each request); only server frameworks are checked.
    const targets = backendTargets(facts).filter((t) => t.frameworks.length === 0 || t.frameworks.some((f) => f !== 'nextjs'));
    if (targets.length === 0) return notApplicable('no back-end web application found');
    const rootChecked = targets.some((t) => t.service === '');
    const findings: Finding[] = [];
    const strengths: { detail: string; evidence: Evidence }[] = [];
    for (const t of targets) {
      const found = facts.opsSignals.requestLogging.filter((s) => s.service === t.service || (s.service === '' && !rootChecked));
      const best = found.find((s) => !s.evidence.note) ?? found[0];
      if (best) strengths.push(best);
      else
        findings.push({
          message: `No per-request access logging for the ${frameworkLabel(t)}${inService(t.service)}: no access-log-enabled server, request logging library or logging middleware was found`,
          evidence: [t.anchor],
          ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
        });
    }
    if (findings.length > 0) return fail(findings);
    return pass(`Requests are logged: ${strengths.map((s) => `${s.detail} (${s.evidence.file}${s.evidence.line ? `:${s.evidence.line}` : ''})`).join('; ')}`, strengths.map((s) => s.evidence));
  },
});
