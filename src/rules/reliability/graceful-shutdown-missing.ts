import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';
import type { Framework } from '../../facts/fact-map.js';

/**
 * Servers whose shutdown the application code owns. Flask and Django run under gunicorn/uwsgi,
 * which handle SIGTERM themselves; Next.js's server does too. Only their start scripts apply.
 */
const NEEDS_HOOK: Partial<Record<Framework, FixKey>> = {
  fastapi: 'fastapi',
  starlette: 'fastapi',
  express: 'express',
  fastify: 'fastify',
  nestjs: 'nestjs',
  koa: 'node',
  hono: 'node',
};

const ENTRY_FILE = /(^|\/)(main|app|server|index|asgi)\.[a-z]+$/;

export default defineRule({
  meta: {
    id: 'graceful-shutdown-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'The service shuts down gracefully',
    failureTitle: 'No graceful shutdown',
    why: 'Every deploy, scale-in and restart stops the running process with SIGTERM, then kills it after a grace period. A Node server with no SIGTERM handler exits at once, dropping in-flight requests; a FastAPI app without a lifespan/shutdown hook never closes its database pools and clients or flushes buffered work. A start script that backgrounds a process (`celery worker &`) without a `trap` never passes SIGTERM on: the background process is killed mid-task when the container stops.',
    fix: {
      default: 'Handle SIGTERM: stop accepting new work, finish in-flight requests and jobs, close pools and clients, then exit.',
      fastapi: 'Pass a lifespan to the app: `@asynccontextmanager\nasync def lifespan(app):\n    yield\n    await engine.dispose()` and `app = FastAPI(lifespan=lifespan)`.',
      express: "`process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))`, or use `http-terminator` / `@godaddy/terminus`.",
      fastify: "`process.on('SIGTERM', async () => { await app.close(); process.exit(0); })`, or `close-with-grace`.",
      nestjs: 'Call `app.enableShutdownHooks()` in main.ts and close resources in `onApplicationShutdown()`.',
      node: "Register `process.on('SIGTERM', …)` that closes the server, then the pools, then exits.",
      py: 'In start scripts, forward signals: `trap \'kill -TERM $WORKER_PID; wait $WORKER_PID\' TERM INT` after starting the background process, or run each process in its own service.',
    },
    examples: {
      bad: 'celery -A app.worker worker &\nuvicorn app.main:app --host 0.0.0.0',
      good: 'celery -A app.worker worker &\nWORKER=$!\ntrap \'kill -TERM $WORKER; wait $WORKER\' TERM INT\nuvicorn app.main:app --host 0.0.0.0 &\nwait',
      lang: 'sh',
    },
    effort: 'hours',
    appliesTo: ['py', 'node', 'platform'],
    needs: ['appEntries', 'markers', 'files', 'startScripts'],
    confidence: 'medium',
  },
  check({ appEntries, markers, files, startScripts }) {
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const hooks = markers.filter((m) => m.kind === 'shutdown-hook');
    const hooked = new Set(hooks.map((m) => serviceOf.get(m.evidence.file) ?? ''));
    const findings: Finding[] = [];
    const strengths: Evidence[] = [...hooks.map((m) => m.evidence)];

    const seen = new Set<string>();
    let servers = 0;
    // Several apps in one service (a mounted sub-app): report once, at the main module's app.
    const ordered = [...appEntries].sort((a, b) => Number(ENTRY_FILE.test(b.evidence.file)) - Number(ENTRY_FILE.test(a.evidence.file)));
    for (const e of ordered) {
      const stack = NEEDS_HOOK[e.framework];
      if (!stack) continue;
      servers++;
      const service = serviceOf.get(e.evidence.file) ?? '';
      if (hooked.has(service) || seen.has(service)) continue;
      seen.add(service);
      findings.push({
        message: stack === 'fastapi' ? 'The app has no lifespan or shutdown handler: pools, clients and background work are never closed on SIGTERM' : 'The server has no SIGTERM handler: in-flight requests are dropped when the process is stopped',
        evidence: [e.evidence],
        stack,
      });
    }

    const scripts = startScripts.filter((s) => s.production && s.backgrounded.length > 0);
    for (const s of scripts) {
      if (s.trap) {
        strengths.push(s.trap);
        continue;
      }
      findings.push({
        message: `${s.file} starts ${plural(s.backgrounded.length, 'background process', 'background processes')} with \`&\` and sets no trap: SIGTERM is never passed on, so ${s.backgrounded.length === 1 ? 'it is' : 'they are'} killed mid-work when the container stops`,
        evidence: [s.backgrounded[0], ...s.backgrounded.slice(1), ...(s.via ? [s.via] : [])],
        stack: 'py',
      });
    }
    if (findings.length > 0) return fail(findings);
    if (servers === 0 && scripts.length === 0) return notApplicable('no server whose shutdown the code controls (Flask/Django under gunicorn handle SIGTERM themselves) and no start script running background processes');
    return pass(`Shutdown handled (${plural(strengths.length, 'hook')})`, strengths.slice(0, 5));
  },
});
