import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';
import { backendTargets, fixKeyOf, frameworkLabel, inService } from '../../core/rule-support/services.js';

export default defineRule({
  meta: {
    id: 'tracing-missing',
    area: 'observability',
    severity: 'low',
    title: 'Requests are traced',
    failureTitle: 'No distributed tracing',
    why:
      'A trace shows where a slow or failed request spent its time: which database query, which outbound API call, which background job it waited on. ' +
      'Without tracing, a latency spike or a timeout chain across services is diagnosed by guesswork from log timestamps, and slow third-party calls (LLM providers, payment APIs) hide inside the endpoint\'s total time.',
    fix: {
      default: 'Set up OpenTelemetry (SDK plus the framework instrumentation, exporting OTLP to your backend), or turn on your APM / Sentry performance tracing.',
      fastapi: 'Install `opentelemetry-distro opentelemetry-instrumentation-fastapi` and start with `opentelemetry-instrument uvicorn app.main:app`, or call `FastAPIInstrumentor.instrument_app(app)`; with Sentry, set `traces_sample_rate=0.1` in `sentry_sdk.init`.',
      flask: 'Use `FlaskInstrumentor().instrument_app(app)` from opentelemetry-instrumentation-flask, or `traces_sample_rate` in `sentry_sdk.init`.',
      django: 'Start with `opentelemetry-instrument gunicorn ...` (opentelemetry-instrumentation-django), or set `traces_sample_rate` in `sentry_sdk.init`.',
      express: 'Create `instrumentation.js` with `new NodeSDK({ traceExporter: new OTLPTraceExporter(), instrumentations: [getNodeAutoInstrumentations()] }).start()` and load it first (`node --require ./instrumentation.js`), or set `tracesSampleRate` in `Sentry.init`.',
      fastify: 'Start the OpenTelemetry NodeSDK with auto-instrumentations before the app, or set `tracesSampleRate` in `Sentry.init`.',
      nestjs: 'Start the OpenTelemetry NodeSDK in a file imported first in main.ts, or set `tracesSampleRate` in `Sentry.init`.',
      node: 'Start the OpenTelemetry NodeSDK with `getNodeAutoInstrumentations()` before the app.',
    },
    examples: { bad: 'sentry_sdk.init(dsn=settings.sentry_dsn)', good: 'sentry_sdk.init(dsn=settings.sentry_dsn, traces_sample_rate=0.1)', lang: 'python' },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals', 'appEntries', 'files', 'services'],
    confidence: 'medium',
  },
  check(facts) {
    const targets = backendTargets(facts);
    if (targets.length === 0) return notApplicable('no back-end web application found');
    const rootChecked = targets.some((t) => t.service === '');
    const findings: Finding[] = [];
    const strengths: { detail: string; evidence: Evidence }[] = [];
    for (const t of targets) {
      const found = facts.opsSignals.tracing.filter((s) => s.service === t.service || (s.service === '' && !rootChecked));
      const best = found.find((s) => !s.evidence.note) ?? found[0];
      if (best) strengths.push(best);
      else
        findings.push({
          message: `No distributed tracing for the ${frameworkLabel(t)}${inService(t.service)}: no OpenTelemetry, APM agent or Sentry performance tracing was found`,
          evidence: [t.anchor],
          ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
        });
    }
    if (findings.length > 0) return fail(findings);
    return pass(`Tracing set up: ${strengths.map((s) => `${s.detail} (${s.evidence.file}${s.evidence.line ? `:${s.evidence.line}` : ''})`).join('; ')}`, strengths.map((s) => s.evidence));
  },
});
