/**
 * Files that package.json runs as one-off scripts (`"setup-db": "node scripts/setup.js"`): their
 * console output and schema set-up are what a script is for. Files started by the service's own
 * start scripts (start, serve, server, prod, dev…) stay application code even when another script
 * also runs them.
 */
import type { RepoContext } from '../repo.js';

const START_SCRIPT = /^(start|serve|server|prod|production|dev|develop|start:.*|serve:.*|prestart|poststart)$/;
const RUNNER = /^(node|nodemon|ts-node|ts-node-dev|tsx|babel-node|bun|deno)$/;
const CODE_FILE = /\.(c|m)?(j|t)s$/;

export function npmScriptFiles(repo: RepoContext): Set<string> {
  const scripts = new Set<string>();
  const started = new Set<string>();
  for (const f of repo.discovery.files) {
    if (!/(^|\/)package\.json$/.test(f.path) || f.role === 'test' || f.role === 'fixture') continue;
    let manifest: unknown;
    try {
      manifest = JSON.parse(repo.read(f.path) ?? '');
    } catch {
      continue;
    }
    const entries = (manifest as { scripts?: Record<string, unknown> } | null)?.scripts;
    if (!entries || typeof entries !== 'object') continue;
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/') + 1) : '';
    for (const [name, command] of Object.entries(entries)) {
      if (typeof command !== 'string') continue;
      for (const file of filesRun(command)) (START_SCRIPT.test(name) ? started : scripts).add(normalize(dir + file));
    }
  }
  for (const s of started) scripts.delete(s);
  return scripts;
}

/** `node a.js && tsx b.ts` → ['a.js', 'b.ts']: the first code-file argument of each runner. */
function filesRun(command: string): string[] {
  const out: string[] = [];
  for (const part of command.split(/&&|\|\||;/)) {
    const words = part.trim().split(/\s+/);
    const runner = words.findIndex((w) => RUNNER.test(w));
    if (runner < 0) continue;
    const file = words.slice(runner + 1).find((w) => !w.startsWith('-') && CODE_FILE.test(w));
    if (file) out.push(file);
  }
  return out;
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}
