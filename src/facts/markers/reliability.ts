/**
 * Reliability markers:
 * - `shutdown-hook`: code that runs when the process is asked to stop. Python: FastAPI/Starlette
 *   `lifespan=` or `on_shutdown=`, `@app.on_event("shutdown")`, `add_event_handler("shutdown", …)`,
 *   `router.on_shutdown.append`, `signal.signal(SIGTERM, …)` / `loop.add_signal_handler(SIGTERM, …)`.
 *   Node: `process.on('SIGTERM' | 'SIGINT', …)`, Nest `enableShutdownHooks()`, and the libraries
 *   close-with-grace, @godaddy/terminus, http-terminator, lightship, fastify-graceful-shutdown.
 * - `task-time-limit`: app-wide Celery limits (configuration or worker flags), detail 'celery'.
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { celeryGlobalLimits } from '../runtime/tasks-celery.js';
import { appEntryLines } from '../../stacks/app-entries.js';

const SHUTDOWN_LIBS = ['close-with-grace', '@godaddy/terminus', 'http-terminator', 'lightship', 'fastify-graceful-shutdown'];
const SIGNALS = /^(SIGTERM|SIGINT)$/;

function shutdownHooks(repo: RepoContext, facts: FactMap): Marker[] {
  const out: Marker[] = [];
  // The app's own constructor call, whatever it is called (`FastAPIWithInternalModels(lifespan=…)`, a FastAPI subclass).
  const entryLines = appEntryLines(facts.appEntries);
  const mark = (file: string, line: number, detail: string) => out.push({ kind: 'shutdown-hook', detail, evidence: repo.ev(file, line), scope: 'app' });
  for (const m of repo.models.values()) {
    if (repo.file(m.file)?.role !== 'app') continue;
    if (m.language === 'python') {
      const entries = entryLines.get(m.file);
      for (const c of m.calls) {
        const ctor = /^(fastapi\.|starlette\.applications\.)?(FastAPI|Starlette)$/.test(c.callee) || !!entries?.has(c.line);
        if (ctor && c.kwargs.lifespan && c.kwargs.lifespan.kind !== 'none') mark(m.file, c.line, 'lifespan');
        else if (ctor && c.kwargs.on_shutdown) mark(m.file, c.line, 'on_shutdown');
        else if (c.name === 'add_event_handler' && c.args[0]?.value === 'shutdown') mark(m.file, c.line, 'add_event_handler("shutdown")');
        else if (c.callee.endsWith('on_shutdown.append')) mark(m.file, c.line, 'on_shutdown');
        else if ((c.callee === 'signal.signal' || c.name === 'add_signal_handler') && /(^|\.)SIG(TERM|INT)$/.test(c.args[0]?.text ?? '')) mark(m.file, c.line, 'signal handler');
      }
      for (const f of m.functions) {
        for (const d of f.decorators) {
          if (d.kind === 'call' && d.callee?.endsWith('.on_event') && d.call !== undefined && m.calls[d.call].args[0]?.value === 'shutdown') mark(m.file, d.line, 'on_event("shutdown")');
        }
      }
      for (const a of m.assignments) if (a.target.endsWith('router.lifespan_context')) mark(m.file, a.line, 'lifespan');
    } else {
      for (const c of m.calls) {
        if (/^process\.(on|once|addListener|prependListener)$/.test(c.callee) && SIGNALS.test(c.args[0]?.value ?? '')) mark(m.file, c.line, `process.on('${c.args[0].value}')`);
        else if (c.name === 'enableShutdownHooks') mark(m.file, c.line, 'enableShutdownHooks()');
      }
      for (const i of m.imports) if (SHUTDOWN_LIBS.includes(i.module)) mark(m.file, i.line, i.module);
    }
  }
  return out;
}

export function reliabilityMarkers(repo: RepoContext, facts: FactMap): Marker[] {
  const limits = celeryGlobalLimits(repo, facts).map((evidence): Marker => ({ kind: 'task-time-limit', detail: 'celery', evidence, scope: 'app' }));
  return [...shutdownHooks(repo, facts), ...limits];
}
