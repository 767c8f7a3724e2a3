import { defineRule, notApplicable } from '../../core/rule.js';
import type { Framework } from '../../facts/fact-map.js';
import { backendTargets, cite, covering, fixKeyOf, frameworkLabel, frameworkName, inService, presence } from '../../core/rule-support/services.js';

/**
 * Frameworks that already give every unhandled error one rendering: Django routes it through
 * handler500 (configured in the URLconf), Next.js route handlers through its own error response.
 * This is applicability (does the check make sense here), not extraction.
 */
const RENDERS_ERRORS: ReadonlySet<Framework> = new Set(['django', 'nextjs']);

export default defineRule({
  meta: {
    id: 'exception-handler-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'Unhandled errors go through one app-wide exception handler',
    failureTitle: 'No app-wide exception handler',
    why:
      'Without a catch-all handler, an unexpected exception reaches the framework default: a plain-text or HTML 500 (Starlette, Flask, Express — which also prints the stack outside production), a response shape clients do not expect, and often no log line with the request context. ' +
      'One handler for `Exception` logs the error once with the request id, reports it to the error tracker and returns the same JSON error body for every failure, so clients and support can rely on it. Handlers registered only for specific classes (HTTPException, a domain error) leave every other exception to the default.',
    fix: {
      default: 'Register one catch-all error handler that logs the exception and returns a consistent JSON error body with status 500.',
      fastapi:
        'Register a handler for `Exception` on the app:\n\n```python\n@app.exception_handler(Exception)\nasync def unhandled(request: Request, exc: Exception) -> JSONResponse:\n    logger.exception("unhandled error", extra={"path": request.url.path})\n    return JSONResponse({"error": "internal_error"}, status_code=500)\n```',
      flask: 'Register a handler for `Exception` on the app (not on a blueprint), passing HTTP errors through:\n\n```python\n@app.errorhandler(Exception)\ndef unhandled(exc):\n    if isinstance(exc, HTTPException):\n        return {"error": exc.name}, exc.code\n    app.logger.exception("unhandled error")\n    return {"error": "internal_error"}, 500\n```',
      express: 'Register an error middleware last: `app.use((err, req, res, next) => { req.log.error(err); res.status(err.status ?? 500).json({ error: "internal_error" }); })`.',
      fastify: 'Call `app.setErrorHandler((err, request, reply) => { request.log.error(err); reply.status(err.statusCode ?? 500).send({ error: "internal_error" }); })`.',
      nestjs: 'Write a `@Catch()` filter (no arguments: it catches everything) and register it with `app.useGlobalFilters(new AllExceptionsFilter(httpAdapterHost))` or an `APP_FILTER` provider.',
      py: 'Register a handler for `Exception` on the application object.',
      node: 'Register a catch-all error handler on the application (Hono `app.onError`, Koa: a first middleware with try/catch around `await next()`).',
    },
    examples: {
      good: '@app.exception_handler(Exception)\nasync def unhandled(request, exc):\n    logger.exception("unhandled")\n    return JSONResponse({"error": "internal_error"}, status_code=500)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['markers', 'appEntries', 'files', 'services'],
    confidence: 'medium',
  },
  check(facts) {
    const all = backendTargets(facts);
    // Services whose framework is unknown are skipped: the right kind of handler cannot be named.
    const targets = all.filter((t) => t.frameworks.length > 0 && t.frameworks.some((f) => !RENDERS_ERRORS.has(f)));
    if (targets.length === 0) {
      const builtIn = [...new Set(all.flatMap((t) => t.frameworks).filter((f) => RENDERS_ERRORS.has(f)))];
      if (builtIn.length > 0) {
        const who = builtIn.map(frameworkName).join(' and ');
        return notApplicable(
          `${who} render${builtIn.length > 1 ? '' : 's'} unhandled errors through the framework (Django: handler500; Next.js route handlers: its own error response)`,
        );
      }
      return notApplicable('no web application found');
    }
    return presence(facts, {
      kind: 'exception-handler',
      targets,
      naReason: 'no web application found',
      credits: (m) => m.scope === 'app',
      passLabel: 'Catch-all exception handler',
      missing: (t) => {
        const partial = covering(t, facts.markers, 'exception-handler', facts, targets).filter((m) => m.scope !== 'app');
        const note = partial.length > 0 ? `; handlers exist only for specific errors: ${partial.map(cite).join('; ')}` : '';
        return {
          message: `No catch-all exception handler for the ${frameworkLabel(t)}${inService(t.service)}: unhandled errors get the framework's default 500 response${note}`,
          evidence: [t.anchor, ...partial.map((m) => m.evidence)],
          ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
        };
      },
    });
  },
});
