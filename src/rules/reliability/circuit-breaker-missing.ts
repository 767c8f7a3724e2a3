import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';

const MAX_EVIDENCE = 10;

export default defineRule({
  meta: {
    id: 'circuit-breaker-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'Calls to external services go through a circuit breaker',
    failureTitle: 'External calls with no circuit breaker',
    why:
      'When a dependency goes down, every request that calls it still waits for its timeout (and its retries) before failing. Workers and connections fill with doomed calls, latency rises for every route, and the retries keep hammering a provider that is trying to recover. ' +
      'A circuit breaker counts failures and, past a threshold, fails fast (or serves a fallback) for a cool-down period, then lets a trial call through. Credited: pybreaker, circuitbreaker, aiobreaker, purgatory, opossum, cockatiel, brakes, or a class clearly named `*CircuitBreaker*`, when the call\'s function (or its caller) is decorated with the breaker or handed to it (`breaker.call(fn)`, `new CircuitBreaker(fn)`, `policy.execute(() => …)`). One finding per client kind (requests, fetch, an LLM provider…), citing its unprotected call sites.',
    fix: {
      default: 'Put a circuit breaker in front of each external dependency (fail after ~5 consecutive errors, stay open 30-60 s, then half-open), and decide what callers get while it is open: a fallback, a cached value or a fast 503.',
      py: '`billing_breaker = pybreaker.CircuitBreaker(fail_max=5, reset_timeout=30)` then decorate the client function with `@billing_breaker` (aiobreaker / purgatory for asyncio code).',
      node: "`const breaker = new CircuitBreaker(fetchRates, { timeout: 10_000, errorThresholdPercentage: 50, resetTimeout: 30_000 }); breaker.fallback(() => cachedRates); await breaker.fire(currency)` (opossum), or cockatiel's `circuitBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) })`.",
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['outboundGuards'],
    confidence: 'medium',
  },
  check({ outboundGuards }) {
    const { calls, breakers } = outboundGuards;
    if (calls.length === 0) return notApplicable('no outbound HTTP or LLM calls in the application code');
    const open = calls.filter((c) => c.breaker === null);
    if (open.length === 0) {
      const cited = [...breakers, ...calls.map((c) => c.breaker).filter((e): e is Evidence => e !== null)];
      const unique = cited.filter((e, i) => cited.findIndex((x) => x.file === e.file && x.line === e.line) === i);
      return pass(`${plural(calls.length, 'external call')} run behind a circuit breaker`, unique.slice(0, MAX_EVIDENCE));
    }
    const groups = new Map<string, typeof open>();
    for (const c of [...open].sort((a, b) => a.evidence.file.localeCompare(b.evidence.file) || a.evidence.line - b.evidence.line)) {
      const key = `${c.family}:${c.kind}:${c.client}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const none = breakers.length === 0 ? ' (no circuit breaker anywhere in the code)' : '';
    return fail(
      [...groups.values()].map((g) => {
        const what = g[0].kind === 'llm' ? `${g[0].client} SDK` : g[0].client;
        const shown = g.length > MAX_EVIDENCE ? ` (first ${MAX_EVIDENCE} shown)` : '';
        return {
          message: `${plural(g.length, `${what} call`)} with no circuit breaker${none}: while that service is down, every request still waits for it to fail${shown}`,
          evidence: g.slice(0, MAX_EVIDENCE).map((c) => c.evidence),
          stack: g[0].family,
        };
      }),
    );
  },
});
