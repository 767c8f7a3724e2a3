import { defineRule } from '../../core/rule.js';
import { backendTargets, inService, fixKeyOf, frameworkLabel, presence } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'metrics-missing',
    area: 'observability',
    severity: 'medium',
    title: 'The service records metrics',
    failureTitle: 'No metrics are recorded',
    why:
      'Without metrics there is no request rate, latency percentile or error rate to alert on, so a slow database or a failing dependency is noticed by users first. ' +
      'A metrics exporter (Prometheus, OpenTelemetry, StatsD) also gives the numbers needed to size the service and to see whether a deploy made things better or worse.',
    fix: {
      default: 'Add a metrics library and expose (or push) request count, latency and error rate.',
      fastapi: 'Add `prometheus-fastapi-instrumentator` and call `Instrumentator().instrument(app).expose(app, endpoint="/metrics")` after creating the app.',
      flask: 'Add `prometheus-flask-exporter` and call `PrometheusMetrics(app)`; it serves `/metrics`.',
      django: "Add `django-prometheus`: put `'django_prometheus'` in INSTALLED_APPS, its two middlewares first and last in MIDDLEWARE, and `path('', include('django_prometheus.urls'))` in urls.py.",
      express: "Add `express-prom-bundle`: `app.use(promBundle({ includeMethod: true, includePath: true }))` exposes `/metrics` with request histograms.",
      fastify: "Register `fastify-metrics`: `await app.register(metricsPlugin, { endpoint: '/metrics' })`.",
      nestjs: 'Add `@willsoto/nestjs-prometheus` and import `PrometheusModule.register()` in the AppModule.',
      nextjs: 'Use OpenTelemetry (`@vercel/otel` in `instrumentation.ts`) or your platform\'s metrics; for self-hosting add `prom-client` behind an internal route.',
      node: "Add `prom-client`: `collectDefaultMetrics()` plus a request histogram, served on `/metrics`.",
    },
    examples: {
      good: 'from prometheus_fastapi_instrumentator import Instrumentator\nInstrumentator().instrument(app).expose(app)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['markers', 'appEntries', 'files', 'services'],
    confidence: 'high',
  },
  check(facts) {
    return presence(facts, {
      kind: 'metrics',
      targets: backendTargets(facts),
      naReason: 'no web application found',
      passLabel: 'Metrics recorded',
      missing: (t) => ({
        message: `No metrics library or exporter (Prometheus, OpenTelemetry, StatsD) is set up for the ${frameworkLabel(t)}${inService(t.service)}: request rate, latency and error rate are not exported`,
        evidence: [t.anchor],
        ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
      }),
    });
  },
});
