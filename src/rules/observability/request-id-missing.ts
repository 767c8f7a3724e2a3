import { defineRule } from '../../core/rule.js';
import { backendTargets, inService, fixKeyOf, frameworkLabel, presence } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'request-id-missing',
    area: 'observability',
    severity: 'high',
    title: 'Requests carry a request / correlation id',
    failureTitle: 'No request or correlation id',
    why:
      'When a user reports an error, the only way to find their request among thousands of interleaved log lines is an id generated (or accepted from the proxy) per request, attached to every log line and returned in a response header. ' +
      'Without it, following one request across the API, its background jobs and downstream services is guesswork, and support cannot link a complaint to a stack trace.',
    fix: {
      default: 'Add middleware that reads `X-Request-ID` (or generates a UUID), stores it in the request context, adds it to every log line and returns it in the response header.',
      fastapi: 'Add `asgi-correlation-id`: `app.add_middleware(CorrelationIdMiddleware)` and its `CorrelationIdFilter` on the log handler.',
      flask: 'Add `flask-log-request-id` (`RequestID(app)`) or a `before_request` hook that sets `g.request_id` from `X-Request-ID` and an `after_request` hook that returns it.',
      django: "Add `django-guid`: `'django_guid'` in INSTALLED_APPS and `'django_guid.middleware.guid_middleware'` first in MIDDLEWARE.",
      express: "Use `pino-http` with `genReqId: (req, res) => { const id = req.headers['x-request-id'] ?? randomUUID(); res.setHeader('X-Request-ID', id); return id; }`.",
      fastify: "Pass `requestIdHeader: 'x-request-id'` and `genReqId: () => randomUUID()` to `Fastify({...})`, and return `request.id` in an `onSend` hook.",
      nestjs: 'Use `nestjs-cls` with `ClsModule.forRoot({ middleware: { mount: true, generateId: true } })` (or nestjs-pino with `genReqId`).',
      node: 'Generate or accept `X-Request-ID` in a first middleware, keep it in AsyncLocalStorage (cls-rtracer) and log it with every line.',
    },
    examples: {
      good: 'from asgi_correlation_id import CorrelationIdMiddleware\napp.add_middleware(CorrelationIdMiddleware)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['markers', 'appEntries', 'files', 'services'],
    confidence: 'medium',
  },
  check(facts) {
    return presence(facts, {
      kind: 'request-id',
      targets: backendTargets(facts),
      naReason: 'no web application found',
      passLabel: 'Request ids handled',
      missing: (t) => ({
        message: `No request or correlation id is generated or read for the ${frameworkLabel(t)}${inService(t.service)}: log lines of one request cannot be tied together`,
        evidence: [t.anchor],
        ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
      }),
    });
  },
});
