import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';
import { matchStartLines, productionStartLines, statements } from '../../core/rule-support/start-path.js';

interface DevServer {
  what: string;
  why: string;
  stack: FixKey;
}

/** Development servers, recognised in one shell statement (plain text). */
const DEV_SERVERS: { re: RegExp; hit: DevServer }[] = [
  { re: /\b(uvicorn|gunicorn|hypercorn|granian|fastapi\s+run)\b.*\s--reload\b/, hit: { what: '--reload', why: 'the auto-reloader watches the file system and restarts the server on changes; it runs a single process and is documented as development-only', stack: 'py' } },
  { re: /\bflask(\s+--?[\w-]+(=\S+)?(\s+[^-\s]\S*)?)*\s+run\b/, hit: { what: 'flask run', why: "Flask's built-in Werkzeug server is a development server: single process, not hardened, not meant for production traffic", stack: 'flask' } },
  { re: /\b(manage\.py|django-admin)\s+runserver\b/, hit: { what: 'manage.py runserver', why: "Django's runserver is a development server; Django's docs say not to use it in production", stack: 'django' } },
  { re: /\bfastapi\s+dev\b/, hit: { what: 'fastapi dev', why: '`fastapi dev` runs uvicorn with auto-reload on a single worker: development mode', stack: 'fastapi' } },
  { re: /\b(npm|pnpm|bun)\s+run\s+(dev|start:dev|develop)\b|\b(yarn|pnpm)\s+(run\s+)?(dev|start:dev|develop)\b/, hit: { what: 'npm run dev', why: 'the dev script runs the development server (watchers, unminified builds, dev-mode frameworks)', stack: 'node' } },
  { re: /\bnext\s+dev\b/, hit: { what: 'next dev', why: '`next dev` compiles pages on demand with development React: slow, memory-hungry, and not the optimized build', stack: 'nextjs' } },
  { re: /\bnodemon\b/, hit: { what: 'nodemon', why: 'nodemon restarts the process on file changes: a development watcher, not a process manager', stack: 'node' } },
  { re: /\bts-node-dev\b/, hit: { what: 'ts-node-dev', why: 'ts-node-dev compiles TypeScript at run time and restarts on changes: development only', stack: 'node' } },
  { re: /\btsx\s+watch\b|\bnode\s+(.*\s)?--watch\b/, hit: { what: 'watch mode', why: 'watch mode restarts the process on file changes: development only', stack: 'node' } },
  { re: /\bnest\s+start\b.*\s(--watch|-w)\b/, hit: { what: 'nest start --watch', why: 'watch mode recompiles and restarts on file changes: development only', stack: 'nestjs' } },
  { re: /(^|\s|\/)vite(\s+(dev|serve)\b|\s+--|\s*$)/, hit: { what: 'vite (dev server)', why: "Vite's dev server serves unbundled modules for development; production serves the `vite build` output", stack: 'node' } },
  { re: /\bwebpack(-dev-server\b|\s+serve\b)|\breact-scripts\s+start\b|\bng\s+serve\b/, hit: { what: 'a front-end dev server', why: 'a development server with hot reloading, not the production build', stack: 'node' } },
];

function devServer(statement: string): DevServer | undefined {
  return DEV_SERVERS.find((d) => d.re.test(statement))?.hit;
}

export default defineRule({
  meta: {
    id: 'dev-server-in-prod',
    area: 'performance',
    severity: 'high',
    title: 'Production starts a production server',
    failureTitle: 'A development server runs in production',
    why: 'Development servers (`--reload`, `flask run`, `manage.py runserver`, `next dev`, `nodemon`, `npm run dev`) trade speed and safety for convenience: one process, file watchers that restart the app under load, unoptimized builds, and in some cases debug tooling. Under real traffic they are slow and fragile, and a file change on the box (a log rotation, an upload into the source tree) can restart the service mid-request.',
    fix: {
      default: 'Start the production server in the production start command and keep development commands in development-only files (docker-compose.override.yml, a `dev` script).',
      fastapi: 'Run `uvicorn app.main:app --host 0.0.0.0 --port $PORT --workers 2` (no `--reload`), or `gunicorn -k uvicorn.workers.UvicornWorker app.main:app`.',
      flask: 'Run `gunicorn -w 2 -b 0.0.0.0:$PORT app:app` instead of `flask run` / `app.run()`.',
      django: 'Run `gunicorn myproject.wsgi -b 0.0.0.0:$PORT` instead of `manage.py runserver`.',
      py: 'Remove `--reload` / `reload=True` from the production command; use uvicorn or gunicorn with workers.',
      nextjs: 'Build with `next build` and start with `next start` (or the standalone output).',
      nestjs: 'Build with `nest build` and start with `node dist/main.js`.',
      node: 'Build in the image and start with `node dist/server.js` (`"start": "node dist/server.js"`); keep nodemon/tsx watch in the `dev` script.',
    },
    examples: {
      bad: 'uvicorn app.main:app --host 0.0.0.0 --port $PORT --reload',
      good: 'uvicorn app.main:app --host 0.0.0.0 --port $PORT --workers 2',
      lang: 'sh',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node', 'docker', 'platform'],
    needs: ['startCommands', 'startScripts'],
    confidence: 'high',
  },
  check({ startCommands, startScripts }) {
    const lines = productionStartLines(startCommands, startScripts);
    if (lines.length === 0) return notApplicable('no production start command found');
    const hits = matchStartLines(lines, devServer);
    if (hits.length > 0) {
      return fail(
        hits.map(({ line, hit }) => ({
          message: `${hit.what} in the production start path: ${hit.why}`,
          evidence: [line.evidence, ...(line.via ? [line.via] : [])],
          stack: hit.stack,
        })),
      );
    }
    const servers = lines.filter((l) => !l.conditional && statements(l.text).some((s) => /\b(uvicorn|gunicorn|hypercorn|granian|daphne|waitress-serve|uwsgi|node|next\s+start|npm\s+start|pm2|celery)\b/.test(s)));
    return pass(`${plural(lines.length, 'production start line')} checked, none runs a development server`, (servers.length > 0 ? servers : lines).slice(0, 5).map((l) => l.evidence));
  },
});
