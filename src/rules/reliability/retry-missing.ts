import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';

export default defineRule({
  meta: {
    id: 'retry-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'Outbound HTTP calls are retried with backoff',
    failureTitle: 'Outbound HTTP calls with no retry',
    why:
      'Networks and providers fail briefly all the time: a connection reset, a 502 during a deploy, a 503 under load, a timeout. Without a retry, each of these blips becomes a failed request, a lost webhook or a failed job, although the same call a second later would have worked. ' +
      'A bounded retry with exponential backoff and jitter absorbs them (retry only idempotent calls, or calls with an idempotency key). Credited: tenacity / backoff / stamina decorators and `Retrying` loops, a Celery task with `autoretry_for` or `self.retry()` (not for calls made inside its except block), a Dramatiq actor, a BullMQ processor whose queue sets `attempts` > 1, a hand-written retry loop (`for attempt in range(3)`, `while` with an except) or an attempts parameter, a requests Session with `HTTPAdapter(max_retries=…)`, an httpx transport with `retries=`, p-retry / async-retry / exponential-backoff wrappers, axios-retry, got (which retries GET/PUT/HEAD/DELETE twice by default), any decorator or wrapper named like a retry, on the function or on a caller up to two levels. Module-level calls (run once at start-up) are not judged. ' +
      'Browser code in full-stack apps (helpers only components or hooks import, such as an SWR `fetcher`; relative-URL fetches) is not judged. LLM SDK calls are not judged here: the OpenAI and Anthropic SDKs retry twice by default, and llm-client-unguarded checks their explicit settings.',
    fix: {
      default: 'Wrap calls to external services in a bounded retry with exponential backoff and jitter (3 attempts, retry on connection errors, timeouts, 429 and 5xx), and only for idempotent requests.',
      py: '`@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(1, 10), retry=retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError)))` (tenacity) on the function; or a requests Session with `session.mount("https://", HTTPAdapter(max_retries=Retry(total=3, backoff_factor=0.5, status_forcelist=[429, 502, 503, 504])))`.',
      node: "`await pRetry(() => fetchRates(url), { retries: 3 })` (p-retry); for axios, `axiosRetry(client, { retries: 3, retryDelay: axiosRetry.exponentialDelay })`.",
    },
    examples: {
      bad: 'resp = requests.get(f"{base_url}/v1/meetings/{meeting_id}", timeout=10)',
      good: '@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(1, 10))\ndef fetch_meeting(meeting_id):\n    return requests.get(f"{base_url}/v1/meetings/{meeting_id}", timeout=10)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['outboundGuards'],
    confidence: 'medium',
  },
  check({ outboundGuards }) {
    const http = outboundGuards.calls.filter((c) => c.kind === 'http');
    if (http.length === 0) return notApplicable('no outbound HTTP calls in the application code');
    const open = http.filter((c) => c.retry === null);
    if (open.length === 0) {
      return pass(`${plural(http.length, 'outbound HTTP call')} run under a retry policy`, http.map((c) => c.retry).filter((e): e is Evidence => e !== null).slice(0, 10));
    }
    return fail(
      open.map((c) => ({
        message: `${c.client} call${c.function ? ` in ${c.function}()` : ''} is not retried${c.noRetry ? ` (${c.noRetry})` : ''}: a transient failure (connection reset, 502/503, timeout) fails the whole operation`,
        evidence: [c.evidence],
        stack: c.family,
      })),
    );
  },
});
