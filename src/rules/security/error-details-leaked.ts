import { defineRule, fail, pass } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'error-details-leaked',
    area: 'security',
    severity: 'medium',
    title: 'Error responses do not expose exception details',
    failureTitle: 'Exception text or tracebacks are sent to clients',
    why: 'Exception messages carry what an attacker wants to map a system: SQL fragments and table names, file paths, internal hostnames, library versions and sometimes the values that failed (tokens, emails). Sending them back turns every error into reconnaissance, and users see raw stack text instead of a useful message.',
    fix: {
      default: 'Log the exception with its traceback on the server, and answer with a generic message plus a request/correlation id the user can quote.',
      fastapi: 'Replace `HTTPException(500, detail=str(e))` with `logger.exception("...")` and `raise HTTPException(500, detail="Internal error")`; put the generic answer in one `@app.exception_handler(Exception)`.',
      flask: 'Log with `app.logger.exception(...)` and `return jsonify(error="Internal error"), 500`; register one `@app.errorhandler(Exception)`.',
      django: 'Log with `logger.exception(...)` and return `JsonResponse({"error": "Internal error"}, status=500)`; keep `DEBUG = False` so Django never renders tracebacks.',
      express: "In the error middleware, log `err` and send `res.status(500).json({ error: 'Internal error', requestId })`; only expose `err.message` when `err.expose` (http-errors) is true.",
      fastify: 'In `setErrorHandler`, log the error and `reply.code(500).send({ error: "Internal error" })`; do not `reply.send(err)` for unexpected errors.',
      nestjs: 'Throw `new InternalServerErrorException()` without the original message, and log the cause in an exception filter.',
      nextjs: "Return `NextResponse.json({ error: 'Internal error' }, { status: 500 })` and log the error server-side.",
    },
    examples: {
      bad: 'except Exception as e:\n    raise HTTPException(status_code=500, detail=str(e))',
      good: 'except Exception:\n    logger.exception("export failed")\n    raise HTTPException(status_code=500, detail="Export failed")',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['errorLeaks'],
    confidence: 'high',
  },
  check({ errorLeaks }) {
    if (errorLeaks.length === 0) return pass('No response is built from a caught exception');
    return fail(
      errorLeaks.map((l) => ({
        message: `${l.what === 'traceback' ? 'A traceback' : `\`${l.what}\``} is sent to the client`,
        evidence: [l.evidence],
      })),
    );
  },
});
