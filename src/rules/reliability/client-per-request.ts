import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

/**
 * Database engines, HTTP/SDK clients, vector-store clients and compiled workflow graphs built inside a
 * route handler or task body (or a helper / `Depends()` factory one call away) and dropped after use.
 * Module-level clients, cached factories and singletons stored in a module variable or attribute are fine.
 */
export default defineRule({
  meta: {
    id: 'client-per-request',
    area: 'reliability',
    severity: 'medium',
    title: 'Clients and engines are created once per process',
    failureTitle: 'Clients or engines are created on every request or task',
    why:
      'Engines, HTTP clients and SDK clients own a connection pool: built per request, every request pays a new TCP/TLS handshake (and a new database connection), and the pool that should be reused is thrown away. ' +
      'Under load this exhausts database connections and file descriptors and adds tens to hundreds of milliseconds per call; a compiled workflow graph rebuilt per request repeats work that never changes.',
    fix: {
      default: 'Create the client once per process (module level, an app startup hook, or a cached factory) and reuse it in handlers and tasks.',
      fastapi:
        'Create clients in the lifespan and keep them on `app.state`, or behind an `@lru_cache` factory:\n```python\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    app.state.http = httpx.AsyncClient(timeout=10)\n    yield\n    await app.state.http.aclose()\n```',
      celery: 'Create engines and clients at module level of the worker (or in a `worker_process_init` handler), not inside the task body. If the task runs its own event loop per run, build the engine with `poolclass=NullPool`.',
      express: 'Create the pool/client in its own module (`export const pool = new Pool({...})`) and import it in route handlers.',
      bullmq: 'Create clients at module level of the worker file and reuse them across jobs.',
    },
    examples: {
      bad: '@app.post("/ask")\nasync def ask(q: Question):\n    client = AsyncOpenAI()\n    return await client.chat.completions.create(...)',
      good: 'client = AsyncOpenAI(timeout=30, max_retries=2)\n\n@app.post("/ask")\nasync def ask(q: Question):\n    return await client.chat.completions.create(...)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['requestClients'],
    confidence: 'medium',
  },
  check({ requestClients }) {
    const { perRequest, shared, entries } = requestClients;
    if (perRequest.length > 0) {
      return fail(
        perRequest.map((c) => ({
          message: c.helper
            ? `${c.what} is created in ${c.dependency ? 'dependency ' : ''}${c.helper}(), which ${c.entry} ${c.dependency ? 'runs through Depends()' : 'calls'} on every ${c.kind === 'task' ? 'run' : 'request'} (one level from the ${c.kind === 'task' ? 'task' : 'handler'})`
            : `${c.what} is created inside ${c.entry} on every ${c.kind === 'task' ? 'run' : 'request'}`,
          evidence: [{ ...c.evidence, note: `${c.what} created per ${c.kind === 'task' ? 'task run' : 'request'}` }, ...(c.via ? [c.via] : [])],
          ...(c.kind === 'task' ? { stack: c.entry.startsWith('BullMQ') ? ('bullmq' as const) : ('celery' as const) } : {}),
        })),
      );
    }
    if (entries === 0) return notApplicable('no route handlers or task bodies found');
    return pass(`No client, engine or graph is created per request in ${entries} handlers and tasks`, shared);
  },
});
