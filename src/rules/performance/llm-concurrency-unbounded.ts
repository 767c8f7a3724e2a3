import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';

export default defineRule({
  meta: {
    id: 'llm-concurrency-unbounded',
    area: 'performance',
    severity: 'low',
    title: 'Fanned-out LLM calls have a concurrency limit',
    failureTitle: 'LLM calls fanned out with no concurrency limit',
    why:
      '`asyncio.gather(*[summarize(x) for x in items])` or `Promise.all(items.map(callModel))` starts one model request per item at once. With 200 items that is 200 simultaneous requests: the provider answers with 429 rate-limit errors (which the SDK retries, adding more load), token-per-minute quotas are burnt in seconds, and memory and sockets spike. ' +
      'A semaphore or limiter keeps a steady, bounded number in flight. Credited: asyncio.Semaphore / BoundedSemaphore, anyio.CapacityLimiter, aiolimiter, p-limit, p-map, p-queue, Bottleneck, async.mapLimit used in the gathering or the fanned-out function\'s file, or items processed in batches, chunks or a slice, or a fixed, written-out list. A fan-out counts when the fanned-out function makes an LLM call itself or one call further down; fixed argument lists (`gather(a(), b())`) are not fan-outs.',
    fix: {
      default: 'Bound the number of model calls in flight (5-20, under the provider\'s rate limit) with a semaphore or limiter, or process the items in fixed-size batches.',
      py: '`sem = asyncio.Semaphore(8)` and `async def one(x):\\n    async with sem:\\n        return await summarize(x)` then `await asyncio.gather(*[one(x) for x in items])`.',
      node: "`const limit = pLimit(8); await Promise.all(items.map((x) => limit(() => categorize(x))))` (p-limit).",
    },
    examples: {
      bad: 'results = await asyncio.gather(*[summarize(chunk) for chunk in chunks])',
      good: 'sem = asyncio.Semaphore(8)\n\nasync def bounded(chunk):\n    async with sem:\n        return await summarize(chunk)\n\nresults = await asyncio.gather(*[bounded(c) for c in chunks])',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['llmFanouts'],
    confidence: 'medium',
  },
  check({ llmFanouts }) {
    if (llmFanouts.length === 0) return notApplicable('no LLM calls fanned out over a collection');
    const open = llmFanouts.filter((f) => f.limit === null);
    if (open.length === 0) return pass(`${plural(llmFanouts.length, 'LLM fan-out')} bounded by a concurrency limit`, llmFanouts.map((f) => f.limit).filter((e): e is Evidence => e !== null));
    return fail(
      open.map((f) => ({
        message: `${f.family === 'py' ? 'asyncio.gather' : 'Promise.all'}${f.function ? ` in ${f.function}()` : ''} starts one LLM request per item at once (the model call: ${f.llmCall.file}:${f.llmCall.line}), with no concurrency limit`,
        evidence: [f.evidence, f.llmCall],
        stack: f.family,
      })),
    );
  },
});
