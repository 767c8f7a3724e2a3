import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';

export default defineRule({
  meta: {
    id: 'operation-timeout-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'Long AI workflows run under an overall timeout',
    failureTitle: 'Agent / graph runs with no overall timeout',
    why:
      'An agent loop, a LangGraph run or a fan-out of model calls is many steps: each may have its own client timeout, but nothing bounds the sum. A model that keeps calling tools, a graph that cycles, or a few slow answers in a row keep the request (or the job) running for many minutes, holding a worker, a DB session and the user\'s connection, long after anyone waits for the answer. ' +
      'An overall deadline around the run turns that into a clean, handled error. Credited: `asyncio.wait_for`, `asyncio.timeout`, `anyio.fail_after`/`move_on_after`, `async_timeout`, a helper or decorator named like a timeout, `AbortSignal.timeout`, `Promise.race`, p-timeout, a `signal`/`abortSignal`/`timeout` option on the run, `AgentExecutor(max_execution_time=…)`, a Celery time limit, a Next.js route exporting `maxDuration`. The code model has no `with`-block ranges, so a timeout anywhere in the enclosing function (or in a caller one level up) is credited.',
    fix: {
      default: 'Put a deadline around the whole run, sized to what the caller can wait, and answer with a handled error (or hand the work to a background job) when it fires.',
      py: '`async with asyncio.timeout(60): result = await graph.ainvoke(state)` (Python 3.11+), or `await asyncio.wait_for(Runner.run(agent, prompt), timeout=60)`; LangChain agents: `AgentExecutor(..., max_execution_time=60)`.',
      node: '`await graph.invoke(state, { signal: AbortSignal.timeout(60_000) })`; AI SDK: `generateText({ model, tools, maxSteps: 5, abortSignal: AbortSignal.timeout(60_000) })`.',
    },
    examples: {
      bad: 'result = await graph.ainvoke({"messages": messages})',
      good: 'async with asyncio.timeout(60):\n    result = await graph.ainvoke({"messages": messages})',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['longOperations'],
    confidence: 'medium',
  },
  check({ longOperations }) {
    if (longOperations.length === 0) return notApplicable('no agent, graph or fanned-out LLM workflow in the application code');
    const open = longOperations.filter((o) => o.timeout === null);
    if (open.length === 0) return pass(`${plural(longOperations.length, 'long workflow run')} bounded by an overall timeout`, longOperations.map((o) => o.timeout).filter((e): e is Evidence => e !== null));
    return fail(
      open.map((o) => ({
        message: `${o.what}${o.function ? ` in ${o.function}()` : ''} runs with no overall timeout: the whole run can last as long as its steps keep going`,
        evidence: [o.evidence],
        stack: o.family,
      })),
    );
  },
});
