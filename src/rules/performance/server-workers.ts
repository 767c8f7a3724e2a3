import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import { matchStartLines, productionStartLines } from '../../core/rule-support/start-path.js';

type Hit = { server: string; single: boolean };

/**
 * A production start line runs the web server as one process. Python: `uvicorn` / `hypercorn` /
 * `granian` / `fastapi run` without `--workers` (or with `--workers 1`), `gunicorn` without `-w` and
 * without a config file (`-c`, or a gunicorn.conf.py in the repository) or with `-w 1`. A line that
 * mentions WEB_CONCURRENCY (which these servers read) is configured; `--reload` lines are left to
 * dev-server-in-prod. Node: `node <file>` with no code importing `cluster` / `throng` anywhere; `pm2` /
 * `pm2-runtime` count as a process manager. Other Node launchers (next start, tsx, ts-node) are not judged.
 */
function serverOf(stmt: string, hasGunicornConf: boolean, clustered: boolean): Hit | undefined {
  let w = stmt.split(/\s+/).filter((x) => x && !/^[A-Za-z_]\w*=/.test(x) && x !== 'exec');
  if (/^(poetry|uv|pipenv|pdm|hatch|rye)$/.test(w[0] ?? '') && w[1] === 'run') w = w.slice(2);
  if (/(^|\/)python[\d.]*$/.test(w[0] ?? '') && w[1] === '-m') w = w.slice(2);
  const prog = (w[0] ?? '').replace(/^.*\//, '');
  if (/WEB_CONCURRENCY/.test(stmt) || w.includes('--reload')) return undefined;
  const flag = (names: string[]) => {
    for (let i = 0; i < w.length; i++) {
      const [n, v] = w[i].split('=', 2);
      if (names.includes(n)) return v ?? w[i + 1] ?? '';
      const short = names.find((x) => /^-\w$/.test(x) && w[i].startsWith(x) && w[i].length > 2);
      if (short) return w[i].slice(2);
    }
    return undefined;
  };
  if (prog === 'uvicorn' || prog === 'granian' || (prog === 'fastapi' && w[1] === 'run')) {
    const n = flag(['--workers']);
    return { server: prog === 'fastapi' ? 'fastapi run' : prog, single: n === undefined || n.replace(/["']/g, '') === '1' };
  }
  if (prog === 'node') {
    const script = w.slice(1).find((x) => !x.startsWith('-'));
    if (!script || !/\.(c|m)?js$/.test(script)) return undefined;
    return { server: `node ${script}`, single: !clustered };
  }
  if (prog === 'pm2' || prog === 'pm2-runtime') return { server: prog, single: false };
  if (prog === 'hypercorn' || prog === 'gunicorn') {
    const n = flag(['-w', '--workers']);
    if (n === undefined && (flag(['-c', '--config']) !== undefined || (prog === 'gunicorn' && hasGunicornConf))) return undefined;
    return { server: prog, single: n === undefined || n.replace(/["']/g, '') === '1' };
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'server-workers',
    area: 'performance',
    severity: 'low',
    title: 'The web server runs several worker processes',
    failureTitle: 'The web server runs a single process',
    why:
      'One server process uses one CPU core: CPU-heavy work, a blocking call in an async view or a slow synchronous endpoint stalls every other request on the instance, and if the process crashes nothing serves traffic until it restarts. ' +
      'A process manager (gunicorn with uvicorn workers, uvicorn --workers) runs several processes, restarts a dead one, and uses the cores the instance pays for.',
    fix: {
      default: 'Run several worker processes, sized from the CPU count or a WEB_CONCURRENCY variable.',
      fastapi: '`gunicorn app.main:app -k uvicorn.workers.UvicornWorker -w "${WEB_CONCURRENCY:-2}" --bind 0.0.0.0:$PORT`, or `uvicorn app.main:app --workers "${WEB_CONCURRENCY:-2}"`.',
      flask: '`gunicorn "app:create_app()" -w "${WEB_CONCURRENCY:-2}" --bind 0.0.0.0:$PORT`.',
      django: '`gunicorn project.wsgi -w "${WEB_CONCURRENCY:-2}" --bind 0.0.0.0:$PORT`.',
      py: 'Pass `--workers` to the server, read from WEB_CONCURRENCY.',
      node: 'Run the server under a process manager that forks one process per core, e.g. `pm2-runtime start dist/server.js -i max`, or fork with `node:cluster` / `throng` in the entry file.',
    },
    examples: { bad: 'uvicorn app.main:app --host 0.0.0.0 --port $PORT', good: 'uvicorn app.main:app --host 0.0.0.0 --port $PORT --workers "${WEB_CONCURRENCY:-2}"', lang: 'bash' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['startCommands', 'startScripts', 'files', 'platformConfigs', 'workers'],
    confidence: 'medium',
  },
  check({ startCommands, startScripts, files, platformConfigs, workers }) {
    const conf = files.some((f) => /(^|\/)gunicorn\.conf\.py$/.test(f.path));
    const clustered = workers.clusterImports.length > 0;
    const hits = matchStartLines(productionStartLines(startCommands, startScripts), (s) => serverOf(s, conf, clustered));
    if (hits.length === 0) return notApplicable('no production start command runs a web server whose worker count can be read');
    const single = hits.filter((h) => h.hit.single);
    if (single.length === 0) return pass(`${plural(hits.length, 'production server')} run several workers`, [...workers.clusterImports, ...hits.map((h) => h.line.evidence)].slice(0, 5));
    const scaled = [...new Set(platformConfigs.filter((p) => p.production && ['fly', 'railway', 'render', 'cloud-run'].includes(p.platform)).map((p) => p.platform))];
    const note = scaled.length > 0 ? ` (${scaled.join('/')} can add instances, but each instance still serves with one process)` : '';
    return fail(
      single.map((h) => ({
        message: `${h.hit.server} runs a single worker process${note}: one slow or CPU-bound request holds up the others on the instance`,
        evidence: [h.line.evidence, ...(h.line.via ? [h.line.via] : [])],
        stack: h.hit.server.startsWith('node') ? ('node' as const) : ('py' as const),
      })),
    );
  },
});
