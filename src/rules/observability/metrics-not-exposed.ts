import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'metrics-not-exposed',
    area: 'observability',
    severity: 'low',
    title: 'Defined metrics are exposed',
    failureTitle: 'Metrics are defined but never exposed',
    why:
      'Prometheus metrics live in the process until something serves them (a `/metrics` endpoint, an exporter port) or pushes them (Pushgateway, OTLP). ' +
      'Counters and histograms that nothing exposes cost CPU and memory but never reach a dashboard or an alert, so the team believes it has monitoring it does not have.',
    fix: {
      default: 'Serve the registry on `/metrics` (or push it) and point your scraper at it.',
      fastapi: 'Mount the exposition app: `app.mount("/metrics", make_asgi_app())` from prometheus_client, or `Instrumentator().instrument(app).expose(app)`.',
      flask: 'Mount `make_wsgi_app()` with `DispatcherMiddleware(app.wsgi_app, {"/metrics": make_wsgi_app()})`, or use prometheus_flask_exporter.',
      django: 'Add `path("", include("django_prometheus.urls"))` to urls.py, or a view returning `generate_latest()`.',
      express: "Add `app.get('/metrics', async (_req, res) => { res.set('Content-Type', register.contentType); res.end(await register.metrics()); })`.",
      fastify: 'Register fastify-metrics (`app.register(metricsPlugin, { endpoint: "/metrics" })`) or a route returning `register.metrics()`.',
      nestjs: 'Import `PrometheusModule.register()` from @willsoto/nestjs-prometheus: it adds the /metrics controller.',
      py: 'Call `start_http_server(9100)` in worker processes, or push with `push_to_gateway`.',
      node: 'Serve `await register.metrics()` on an HTTP endpoint, or push with `Pushgateway`.',
    },
    examples: { bad: 'REQUESTS = Counter("requests_total", "Requests")', good: 'REQUESTS = Counter("requests_total", "Requests")\napp.mount("/metrics", make_asgi_app())', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals'],
    confidence: 'medium',
  },
  check(facts) {
    const { metricDefs, metricExposures } = facts.opsSignals;
    if (metricDefs.length === 0) return notApplicable('no Prometheus metrics are defined');
    const services = [...new Set(metricDefs.map((d) => d.service))];
    const findings: Finding[] = [];
    const strengths = [];
    for (const svc of services) {
      const exposed = metricExposures.filter((e) => e.service === svc || e.service === '' || svc === '');
      const defs = metricDefs.filter((d) => d.service === svc);
      if (exposed.length > 0) {
        strengths.push(exposed[0]);
        continue;
      }
      findings.push({
        message: `${plural(defs.length, 'metric')} defined (${defs.slice(0, 3).map((d) => d.detail).join(', ')}${defs.length > 3 ? ', …' : ''}) but nothing serves or pushes them: no /metrics route, exposition app, exporter or push gateway`,
        evidence: defs.map((d) => d.evidence),
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass(`Metrics exposed: ${strengths.map((s) => `${s.detail} (${s.evidence.file}:${s.evidence.line})`).join('; ')}`, strengths.map((s) => s.evidence));
  },
});
