/**
 * APM agents: they report unhandled exceptions (error tracking) and per-endpoint request rate,
 * latency and error rate (metrics), so both checks credit them.
 */
import type { DepSpec, LibSpec } from './scan.js';

export const APM_AGENTS: LibSpec[] = [
  { detail: 'datadog apm', lang: 'python', modules: ['ddtrace'], calls: ['patch_all', 'ddtrace.patch_all', 'patch'], importCredits: true },
  { detail: 'datadog apm', lang: 'node', modules: ['dd-trace'], calls: ['tracer.init'], importCredits: true },
  { detail: 'elastic apm', lang: 'python', modules: ['elasticapm'], calls: ['ElasticAPM', 'make_apm_client', 'elasticapm.instrument'], importCredits: true },
  { detail: 'elastic apm', lang: 'node', modules: ['elastic-apm-node'], calls: ['apm.start'], importCredits: true },
  { detail: 'appsignal', lang: 'python', modules: ['appsignal'], calls: ['Appsignal'], importCredits: true },
  { detail: 'appsignal', lang: 'node', modules: ['@appsignal/nodejs'], calls: ['Appsignal'], importCredits: true },
];

export const APM_DEPS: DepSpec[] = [
  { detail: 'datadog apm', names: ['ddtrace', 'dd-trace'] },
  { detail: 'elastic apm', names: ['elastic-apm', 'elastic-apm-node'] },
  { detail: 'appsignal', names: ['appsignal', '@appsignal/nodejs'] },
];
