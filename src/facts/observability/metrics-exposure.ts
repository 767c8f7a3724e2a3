/**
 * Metrics that are defined but maybe never served. Definitions: prometheus_client
 * Counter/Histogram/Gauge/Summary (imported from prometheus_client, never `collections.Counter`) and
 * prom-client `new Counter(...)` etc. Exposures: what makes a scraper or collector receive them —
 * Python `make_asgi_app` / `make_wsgi_app` / `start_http_server` / `generate_latest` /
 * `push_to_gateway`, `Instrumentator().expose(app)`, starlette_exporter `handle_metrics`,
 * prometheus_flask_exporter (serves /metrics itself), `django_prometheus.urls`, OpenTelemetry metric
 * readers; JS `register.metrics()` (any `.metrics()` on a prom-client registry), express-prom-bundle,
 * fastify-metrics, @willsoto/nestjs-prometheus, @hono/prometheus `printMetrics`, a Pushgateway,
 * OpenTelemetry exporters; and any declared route whose path ends in `/metrics`.
 */
import type { FactMap, OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { callMatches, findImport, matchLib, type LibSpec, type Scanned } from './scan.js';

type Signal = OpsSignals['metricDefs'][number];

const KINDS = new Set(['Counter', 'Histogram', 'Gauge', 'Summary']);

export function metricDefinitions(repo: RepoContext, files: readonly Scanned[]): Signal[] {
  const out: Signal[] = [];
  for (const s of files) {
    const m = s.model;
    const imp = findImport(m, [s.python ? 'prometheus_client' : 'prom-client']);
    if (!imp) continue;
    for (const c of m.calls) {
      if (!KINDS.has(c.name)) continue;
      // `from prometheus_client import Counter` / `prometheus_client.Counter` / `new client.Counter` (JS).
      const ok = s.python ? (c.callee === c.name ? imp.names.includes(c.name) : /^prometheus_client\.|^prom\./.test(c.callee)) : c.isNew === true;
      if (!ok) continue;
      const label = c.args[0]?.value ?? entryName(c.args[0]);
      out.push({ detail: `${c.name}${label ? ` "${label}"` : ''}`, evidence: repo.ev(s.file.path, c.line, { endLine: c.endLine }), service: s.file.service });
    }
  }
  return out;
}

function entryName(v: { entries?: { key: string; value: { value?: string } }[] } | undefined): string | undefined {
  return v?.entries?.find((e) => e.key === 'name')?.value.value;
}

const EXPOSERS: LibSpec[] = [
  { detail: 'prometheus_client exposition', lang: 'python', modules: ['prometheus_client'], calls: ['make_asgi_app', 'make_wsgi_app', 'start_http_server', 'start_wsgi_server', 'generate_latest', 'push_to_gateway', 'pushadd_to_gateway'] },
  { detail: 'prometheus-fastapi-instrumentator expose', lang: 'python', modules: ['prometheus_fastapi_instrumentator'], calls: ['expose'] },
  { detail: 'starlette_exporter handle_metrics', lang: 'python', modules: ['starlette_exporter'], args: ['handle_metrics'], calls: ['handle_metrics'] },
  { detail: 'prometheus_flask_exporter (/metrics)', lang: 'python', modules: ['prometheus_flask_exporter'], calls: ['PrometheusMetrics', 'GunicornPrometheusMetrics', 'PrometheusMetrics.for_app_factory'] },
  { detail: 'opentelemetry metric reader', lang: 'python', modules: ['opentelemetry.exporter.prometheus', 'opentelemetry.sdk.metrics.export', 'opentelemetry.exporter.otlp.proto.http.metric_exporter', 'opentelemetry.exporter.otlp.proto.grpc.metric_exporter'], calls: ['PrometheusMetricReader', 'PeriodicExportingMetricReader'] },
  { detail: 'express-prom-bundle (/metrics)', lang: 'node', modules: ['express-prom-bundle'], calls: ['promBundle'], importCredits: true },
  { detail: 'fastify-metrics (/metrics)', lang: 'node', modules: ['fastify-metrics'], importCredits: true },
  { detail: '@willsoto/nestjs-prometheus (/metrics)', lang: 'node', modules: ['@willsoto/nestjs-prometheus'], calls: ['PrometheusModule.register', 'PrometheusModule.registerAsync'] },
  { detail: '@hono/prometheus printMetrics', lang: 'node', modules: ['@hono/prometheus'], calls: ['printMetrics'] },
  { detail: 'prom-client Pushgateway', lang: 'node', modules: ['prom-client'], calls: ['Pushgateway'] },
  { detail: 'opentelemetry metric exporter', lang: 'node', modules: ['@opentelemetry/exporter-prometheus', '@opentelemetry/exporter-metrics-otlp-http', '@opentelemetry/exporter-metrics-otlp-grpc', '@opentelemetry/exporter-metrics-otlp-proto'], calls: ['PrometheusExporter', 'OTLPMetricExporter'] },
];

export function metricExposures(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Signal[] {
  const out: Signal[] = [];
  for (const s of files) {
    const add = (detail: string, line: number) => out.push({ detail, evidence: repo.ev(s.file.path, line), service: s.file.service });
    for (const lib of EXPOSERS) {
      const hit = matchLib(s, lib);
      if (hit) add(lib.detail, hit.line);
    }
    const m = s.model;
    if (s.python) {
      const urls = m.calls.find((c) => c.args.some((a) => a.kind === 'string' && a.value === 'django_prometheus.urls'));
      if (urls) add('django_prometheus.urls', urls.line);
    } else {
      // `await register.metrics()` / `client.register.metrics()` / `registry.metrics()`: the exposition text.
      const text = m.calls.find((c) => c.name === 'metrics' && c.args.length === 0 && /(^|\.)(register|registry|\w*Registry)$/i.test(c.callee.slice(0, -'.metrics'.length)));
      if (text) add(`${text.callee}()`, text.line);
      const hono = m.calls.find((c) => callMatches(c, 'printMetrics'));
      if (hono && !findImport(m, ['@hono/prometheus'])) add('printMetrics', hono.line);
    }
  }
  for (const r of facts.routes) {
    if (/\/metrics\/?$/.test(r.path)) out.push({ detail: `${r.method} ${r.path} route`, evidence: r.evidence, service: repo.file(r.evidence.file)?.service ?? '' });
  }
  return out;
}
