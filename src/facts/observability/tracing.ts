/**
 * Distributed tracing set-up: the OpenTelemetry SDK or an instrumentation (code, or the
 * `opentelemetry-instrument` / `--require @opentelemetry/auto-instrumentations-node/register` start
 * wrappers), APM agents that trace requests (Datadog, Elastic, New Relic, Logfire, Azure Monitor),
 * and Sentry with performance tracing switched on (`traces_sample_rate` / `tracesSampleRate` that is
 * not a literal 0, `traces_sampler`, `enable_tracing=True`). A declared tracing package with no code
 * is credited last, noted as such (auto-instrumentation is often wired outside the code).
 */
import type { Value } from '../code/model.js';
import type { FactMap, OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entriesIn, findImport, matchLib, type LibSpec, type Scanned } from './scan.js';

type Signal = OpsSignals['tracing'][number];

const LIBS: LibSpec[] = [
  { detail: 'opentelemetry', lang: 'python', modules: ['opentelemetry.sdk.trace', 'opentelemetry.instrumentation', 'opentelemetry.exporter.otlp.proto.grpc.trace_exporter', 'opentelemetry.exporter.otlp.proto.http.trace_exporter'], calls: ['TracerProvider', 'instrument_app', 'instrument'], importCredits: true },
  { detail: 'azure monitor (opentelemetry)', lang: 'python', modules: ['azure.monitor.opentelemetry'], calls: ['configure_azure_monitor'], importCredits: false },
  { detail: 'logfire', lang: 'python', modules: ['logfire'], calls: ['logfire.configure'], importCredits: false },
  { detail: 'datadog apm', lang: 'python', modules: ['ddtrace'], calls: ['patch_all', 'ddtrace.patch_all', 'patch'], importCredits: true },
  { detail: 'elastic apm', lang: 'python', modules: ['elasticapm'], calls: ['ElasticAPM', 'make_apm_client'], importCredits: true },
  { detail: 'newrelic', lang: 'python', modules: ['newrelic'], calls: ['newrelic.agent.initialize', 'initialize'], importCredits: true },
  { detail: 'opentelemetry', lang: 'node', modules: ['@opentelemetry/sdk-node', '@opentelemetry/sdk-trace-node', '@opentelemetry/sdk-trace-base', '@opentelemetry/auto-instrumentations-node', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/exporter-trace-otlp-grpc', '@opentelemetry/exporter-trace-otlp-proto'], calls: ['NodeSDK', 'NodeTracerProvider', 'registerInstrumentations'], importCredits: true },
  { detail: '@vercel/otel', lang: 'node', modules: ['@vercel/otel'], calls: ['registerOTel'], importCredits: true },
  { detail: 'honeycomb (opentelemetry)', lang: 'node', modules: ['@honeycombio/opentelemetry-node'], calls: ['HoneycombSDK'], importCredits: true },
  { detail: 'datadog apm', lang: 'node', modules: ['dd-trace'], calls: ['tracer.init'], importCredits: true },
  { detail: 'elastic apm', lang: 'node', modules: ['elastic-apm-node'], calls: ['apm.start'], importCredits: true },
  { detail: 'newrelic', lang: 'node', modules: ['newrelic'], importCredits: true },
];

const START_WRAPPERS: [RegExp, string][] = [
  [/\bopentelemetry-instrument\b/, 'opentelemetry-instrument'],
  [/@opentelemetry\/auto-instrumentations-node\/register/, 'opentelemetry auto-instrumentation'],
  [/\bddtrace-run\b/, 'datadog apm (ddtrace-run)'],
  [/(-r|--require|--import)\s+dd-trace\/init/, 'datadog apm (dd-trace/init)'],
  [/\bnewrelic-admin\s+run-program\b/, 'newrelic (newrelic-admin)'],
  [/(-r|--require)\s+newrelic\b/, 'newrelic'],
  [/(-r|--require)\s+elastic-apm-node\/start/, 'elastic apm'],
];

const DEP_PREFIXES = ['opentelemetry-instrumentation', 'opentelemetry-distro', 'opentelemetry-sdk', '@opentelemetry/sdk-node', '@opentelemetry/auto-instrumentations-node', '@opentelemetry/sdk-trace-node', 'ddtrace', 'dd-trace', 'elastic-apm', 'newrelic', '@vercel/otel'];

export function tracingSignals(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Signal[] {
  const out: Signal[] = [];
  for (const s of files) {
    const add = (detail: string, line: number, note?: string) =>
      out.push({ detail, evidence: repo.ev(s.file.path, line, note ? { note } : {}), service: s.file.service });
    for (const lib of LIBS) {
      const hit = matchLib(s, lib);
      if (hit) add(lib.detail, hit.line, hit.how === 'import' ? `${lib.detail} imported (no set-up call in this file)` : undefined);
    }
    const sentry = sentryTracing(s);
    if (sentry) add('sentry performance tracing', sentry);
  }
  for (const c of facts.startCommands) {
    const w = START_WRAPPERS.find(([re]) => re.test(c.command));
    if (w) out.push({ detail: w[1], evidence: c.evidence, service: c.service });
  }
  {
    const services = new Set(out.map((o) => o.service));
    for (const d of facts.dependencies) {
      if (d.dev || !DEP_PREFIXES.some((p) => d.name.startsWith(p))) continue;
      const service = repo.file(d.evidence.file)?.service ?? '';
      if (services.has(service)) continue;
      services.add(service);
      out.push({ detail: d.name, evidence: { ...d.evidence, note: `${d.name} is a declared dependency; no set-up call was found in the code` }, service });
    }
  }
  return out;
}

/** The line of a Sentry init that turns performance tracing on, if any. */
function sentryTracing(s: Scanned): number | undefined {
  const m = s.model;
  if (!findImport(m, s.python ? ['sentry_sdk'] : ['@sentry/'])) return undefined;
  for (const c of m.calls) {
    if (!(c.callee === 'sentry_sdk.init' || c.callee === 'Sentry.init' || (c.callee === 'init' && c.fn === -1))) continue;
    const opts: Record<string, Value> = { ...c.kwargs };
    for (const e of entriesIn(c)) opts[e.key] = e.value;
    const rate = opts.traces_sample_rate ?? opts.tracesSampleRate;
    if (rate && !(rate.kind === 'number' && Number(rate.text) === 0) && rate.kind !== 'none') return rate.line;
    const sampler = opts.traces_sampler ?? opts.tracesSampler;
    if (sampler) return sampler.line;
    const enable = opts.enable_tracing ?? opts.enableTracing;
    if (enable?.kind === 'bool' && enable.value === 'true') return enable.line;
  }
  return undefined;
}
