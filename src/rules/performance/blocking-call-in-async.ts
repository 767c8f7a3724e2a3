import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

/** Async Python frameworks: a blocking call in their coroutines stalls every request on the worker. */
const ASYNC_FRAMEWORKS = new Set(['fastapi', 'starlette']);

export default defineRule({
  meta: {
    id: 'blocking-call-in-async',
    area: 'performance',
    severity: 'high',
    title: 'Async code does not block the event loop',
    failureTitle: 'Blocking calls inside async functions',
    why: 'An `async def` runs on the event loop, which serves every request of the worker. A blocking call inside it (`time.sleep`, `requests`, `urlopen`, `subprocess.run`, a sync database driver, a sync httpx client, reading a file) freezes the loop for its whole duration: all other requests on that worker wait, latency spikes, and health checks time out under modest load. Calls handed to a thread (`asyncio.to_thread`, `run_in_threadpool`, `loop.run_in_executor`) or made in a nested sync function are not flagged; a blocking call in a plain helper that an async function calls directly is (one helper level).',
    fix: {
      default: 'Use the async equivalent (`await asyncio.sleep`, `httpx.AsyncClient`, an async driver such as asyncpg/aiosqlite, `asyncio.create_subprocess_exec`), or move the call to a thread: `await asyncio.to_thread(fn, *args)`. In FastAPI a plain `def` route already runs in a thread pool.',
      fastapi: 'Make the route a plain `def` (FastAPI runs it in a thread pool), or keep `async def` and switch to async clients: `async with httpx.AsyncClient(timeout=10) as client: await client.get(url)`; `await asyncio.sleep(2)`.',
    },
    examples: {
      bad: 'async def fetch_transcript(meeting_id):\n    resp = requests.get(url)\n    time.sleep(2)',
      good: 'async def fetch_transcript(meeting_id):\n    async with httpx.AsyncClient(timeout=10) as client:\n        resp = await client.get(url)\n    await asyncio.sleep(2)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py'],
    needs: ['blockingCalls', 'appEntries'],
    confidence: 'high',
  },
  check({ blockingCalls, appEntries }) {
    if (blockingCalls.length > 0) {
      return fail(
        blockingCalls.map((b) => ({
          message: b.via
            ? `${b.call} in plain helper ${b.via.helper}() blocks the event loop: async ${b.via.caller}() calls it directly`
            : `${b.call} blocks the event loop inside async ${b.function}()`,
          evidence: b.via ? [b.evidence, b.via.evidence] : [b.evidence],
          stack: 'fastapi',
        })),
      );
    }
    const asyncApps = appEntries.filter((e) => ASYNC_FRAMEWORKS.has(e.framework));
    if (asyncApps.length === 0) return notApplicable('no async Python application');
    return pass('No blocking calls found inside async functions or the plain helpers they call', asyncApps.map((e) => e.evidence));
  },
});
