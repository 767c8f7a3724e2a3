/**
 * 'metrics' markers: the service records metrics for a scraper or collector. Credited: prometheus_client,
 * prometheus-fastapi-instrumentator, starlette_exporter, prometheus_flask_exporter, django-prometheus
 * (INSTALLED_APPS / MIDDLEWARE / urls), the OpenTelemetry metrics SDK, StatsD / DogStatsD clients;
 * prom-client, express-prom-bundle, fastify-metrics, @willsoto/nestjs-prometheus, @hono/prometheus,
 * hot-shots and other StatsD clients, the OpenTelemetry metrics SDK (or NodeSDK with a metricReader),
 * and APM agents, which record per-endpoint rate, latency and errors (New Relic, Datadog, Elastic, AppSignal).
 * Whether the metrics are exposed is a separate check (metrics-not-exposed).
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { depMarkers, entriesIn, libMarkers, type DepSpec, type LibSpec, type Scanned } from './scan.js';
import { APM_AGENTS, APM_DEPS } from './apm.js';

const LIBS: LibSpec[] = [
  {
    detail: 'prometheus_client',
    lang: 'python',
    modules: ['prometheus_client'],
    calls: ['make_asgi_app', 'make_wsgi_app', 'start_http_server', 'generate_latest', 'Counter', 'Histogram', 'Gauge', 'Summary'],
    importCredits: true,
  },
  { detail: 'prometheus-fastapi-instrumentator', lang: 'python', modules: ['prometheus_fastapi_instrumentator'], calls: ['Instrumentator'], importCredits: true },
  { detail: 'starlette_exporter', lang: 'python', modules: ['starlette_exporter'], args: ['PrometheusMiddleware'], calls: ['PrometheusMiddleware', 'handle_metrics'], importCredits: true },
  { detail: 'prometheus_flask_exporter', lang: 'python', modules: ['prometheus_flask_exporter'], calls: ['PrometheusMetrics', 'GunicornPrometheusMetrics'], importCredits: true },
  { detail: 'django-prometheus', lang: 'python', modules: ['django_prometheus'], importCredits: true },
  {
    detail: 'opentelemetry metrics',
    lang: 'python',
    modules: ['opentelemetry.sdk.metrics', 'opentelemetry.exporter.prometheus', 'opentelemetry.exporter.otlp.proto.http.metric_exporter', 'opentelemetry.exporter.otlp.proto.grpc.metric_exporter'],
    calls: ['MeterProvider', 'PrometheusMetricReader', 'PeriodicExportingMetricReader'],
    importCredits: true,
  },
  { detail: 'statsd', lang: 'python', modules: ['statsd', 'datadog', 'aiodogstatsd'], calls: ['StatsClient', 'TCPStatsClient', 'DogStatsd', 'initialize'], importCredits: true },
  { detail: 'prom-client', lang: 'node', modules: ['prom-client'], calls: ['collectDefaultMetrics', 'Counter', 'Histogram', 'Gauge', 'Summary', 'Registry'], importCredits: true },
  { detail: 'express-prom-bundle', lang: 'node', modules: ['express-prom-bundle'], calls: ['promBundle'], importCredits: true },
  { detail: 'fastify-metrics', lang: 'node', modules: ['fastify-metrics'], importCredits: true },
  { detail: '@willsoto/nestjs-prometheus', lang: 'node', modules: ['@willsoto/nestjs-prometheus'], calls: ['PrometheusModule.register', 'PrometheusModule.registerAsync'], importCredits: true },
  { detail: '@hono/prometheus', lang: 'node', modules: ['@hono/prometheus'], calls: ['prometheus'], importCredits: true },
  {
    detail: 'opentelemetry metrics',
    lang: 'node',
    modules: ['@opentelemetry/sdk-metrics', '@opentelemetry/exporter-prometheus', '@opentelemetry/exporter-metrics-otlp-http', '@opentelemetry/exporter-metrics-otlp-grpc', '@opentelemetry/exporter-metrics-otlp-proto'],
    calls: ['MeterProvider', 'PrometheusExporter', 'PeriodicExportingMetricReader', 'OTLPMetricExporter'],
    importCredits: true,
  },
  { detail: 'statsd', lang: 'node', modules: ['hot-shots', 'node-statsd', 'statsd-client', 'datadog-metrics'], calls: ['StatsD', 'StatsdClient'], importCredits: true },
  // APM agents record request rate, latency and errors per endpoint.
  { detail: 'newrelic', lang: 'python', modules: ['newrelic'], calls: ['newrelic.agent.initialize', 'initialize'], importCredits: true },
  { detail: 'newrelic', lang: 'node', modules: ['newrelic'], importCredits: true },
  ...APM_AGENTS,
];

const DEPS: DepSpec[] = [
  { detail: 'prometheus_client', names: ['prometheus-client'] },
  { detail: 'prometheus-fastapi-instrumentator', names: ['prometheus-fastapi-instrumentator'] },
  { detail: 'starlette_exporter', names: ['starlette-exporter'] },
  { detail: 'prometheus_flask_exporter', names: ['prometheus-flask-exporter'] },
  { detail: 'django-prometheus', names: ['django-prometheus'] },
  { detail: 'statsd', names: ['statsd', 'datadog', 'hot-shots', 'node-statsd', 'datadog-metrics'] },
  { detail: 'prom-client', names: ['prom-client'] },
  { detail: 'express-prom-bundle', names: ['express-prom-bundle'] },
  { detail: 'fastify-metrics', names: ['fastify-metrics'] },
  { detail: '@willsoto/nestjs-prometheus', names: ['@willsoto/nestjs-prometheus'] },
  { detail: '@hono/prometheus', names: ['@hono/prometheus'] },
  { detail: 'opentelemetry metrics', names: ['@opentelemetry/sdk-metrics', '@opentelemetry/exporter-prometheus', 'opentelemetry-exporter-prometheus'] },
  { detail: 'newrelic', names: ['newrelic'] },
  ...APM_DEPS,
];

const SETTINGS_LISTS = new Set(['INSTALLED_APPS', 'MIDDLEWARE']);

export function metricsMarkers(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Marker[] {
  const out = libMarkers(repo, files, 'metrics', LIBS);
  for (const s of files) {
    const add = (detail: string, line: number) => out.push({ kind: 'metrics', detail, evidence: repo.ev(s.file.path, line), scope: 'app' });
    const m = s.model;
    if (s.python) {
      // django-prometheus is wired by settings strings and `include("django_prometheus.urls")`.
      for (const a of m.assignments) {
        if (a.scope !== 'module' || !SETTINGS_LISTS.has(a.target)) continue;
        const item = (a.value.items ?? []).find((i) => i.kind === 'string' && /^django_prometheus(\.|$)/.test(i.value ?? ''));
        if (item) add('django-prometheus', item.line);
      }
      const urls = m.calls.find((c) => c.args.some((a) => a.kind === 'string' && a.value === 'django_prometheus.urls'));
      if (urls) add('django-prometheus', urls.line);
      // `from opentelemetry import metrics` then metrics.set_meter_provider(...).
      const otel = m.imports.find((i) => i.module === 'opentelemetry' && i.names.includes('metrics'));
      const provider = m.calls.find((c) => c.callee === 'metrics.set_meter_provider');
      if (otel && provider) add('opentelemetry metrics', provider.line);
    } else {
      // NodeSDK({ metricReader }) starts metric export alongside tracing.
      for (const c of m.calls) {
        if (c.name !== 'NodeSDK') continue;
        const reader = [...entriesIn(c)].find((e) => e.key === 'metricReader' || e.key === 'metricReaders');
        if (reader) add('opentelemetry metrics', reader.value.line);
      }
    }
  }
  return [...out, ...depMarkers(repo, facts, 'metrics', DEPS, out)];
}
