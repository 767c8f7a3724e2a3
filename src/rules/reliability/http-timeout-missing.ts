import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';

const PY_CLIENTS = new Set(['requests', 'httpx', 'aiohttp', 'urllib']);

export default defineRule({
  meta: {
    id: 'http-timeout-missing',
    area: 'reliability',
    severity: 'high',
    title: 'Outbound HTTP calls have timeouts',
    failureTitle: 'Outbound HTTP calls without a timeout',
    why: 'A call with no timeout waits as long as the other side keeps the connection open. When a provider hangs, every request that reaches the call hangs with it, workers and connections pile up, and the whole service stops answering: one slow dependency becomes an outage. `requests`, `urllib`, axios, got and Node\'s http module have no timeout at all by default; `fetch` without an AbortSignal waits up to 5 minutes (undici\'s header and body timeouts); an `aiohttp.ClientSession` defaults to a 5-minute total. httpx is not flagged unless `timeout=None` is passed: its default is 5 seconds. Calls that receive their options through `**kwargs` or a non-literal options object are not flagged, since the timeout may be there; nor are scripts and CLIs (not request paths) or browser code (front-end services, components, static files).',
    fix: {
      default: 'Give every outbound call a timeout suited to the dependency (connect a few seconds, read as long as the slowest acceptable answer), and handle the timeout error.',
      py: '`requests.get(url, timeout=(3.05, 10))`; `httpx.Client(timeout=10.0)` (never `timeout=None`); `aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))`; `urlopen(url, timeout=10)`.',
      node: "`fetch(url, { signal: AbortSignal.timeout(10_000) })`; `axios.create({ timeout: 10_000 })` (or `axios.defaults.timeout`); `got(url, { timeout: { request: 10_000 } })`; `http.request(url, { timeout: 10_000 })` plus a `timeout` handler that destroys the request.",
    },
    examples: {
      bad: 'resp = requests.post(SLACK_API_URL, json=payload)',
      good: 'resp = requests.post(SLACK_API_URL, json=payload, timeout=(3.05, 10))',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['httpCalls'],
    confidence: 'high',
  },
  check({ httpCalls }) {
    if (httpCalls.length === 0) return notApplicable('no outbound HTTP calls in the application code');
    const missing = httpCalls.filter((c) => c.missingTimeout !== null);
    if (missing.length > 0) {
      return fail(
        missing.map((c) => ({
          message: `${c.client} call${c.function ? ` in ${c.function}()` : ''} without a timeout: ${c.missingTimeout}`,
          evidence: [c.evidence],
          stack: (PY_CLIENTS.has(c.client) ? 'py' : 'node') as FixKey,
        })),
      );
    }
    return pass(`${plural(httpCalls.length, 'outbound HTTP call')}, each bounded by a timeout (or a bounded client default)`, httpCalls.slice(0, 10).map((c) => c.evidence));
  },
});
