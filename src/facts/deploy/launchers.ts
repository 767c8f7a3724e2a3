/**
 * Python entry modules that start a server themselves when a start command runs them
 * (`python main.py`): `uvicorn.run(..., reload=True)` and Flask's `app.run()` (Werkzeug's
 * development server). Each is translated into the command line it is equivalent to, so the
 * dev-server check reads one vocabulary whatever the launcher.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import { walkValue } from '../code/value-walk.js';
import type { RepoContext } from '../repo.js';

export interface Launch {
  command: string;
  evidence: Evidence;
}

/** True when the call runs when the module is executed: module level, or in a function called at module level. */
function runsOnExecution(model: CodeModel, fn: number): boolean {
  if (fn < 0) return true;
  const f = model.functions[fn];
  if (f.parent >= 0 || f.className) return false;
  return model.calls.some((c) => c.fn === -1 && c.callee === f.name);
}

export function pythonLaunches(repo: RepoContext, file: string): Launch[] {
  const model = repo.models.get(file);
  if (!model || model.language !== 'python') return [];
  const out: Launch[] = [];
  const importsUvicorn = model.imports.some((i) => i.module === 'uvicorn');
  const importsFlask = model.imports.some((i) => i.module === 'flask' || i.module.startsWith('flask.'));
  const flaskApps = new Set(
    model.assignments
      .filter((a) => a.scope === 'module' && a.value.kind === 'call' && (a.value.callee === 'Flask' || a.value.callee === 'flask.Flask' || (importsFlask && a.value.callee === 'create_app')))
      .map((a) => a.target),
  );
  for (const c of model.calls) {
    if (!runsOnExecution(model, c.fn)) continue;
    if (importsUvicorn && c.callee === 'uvicorn.run') {
      const reload = c.kwargs.reload;
      if (reload?.kind === 'bool' && reload.value === 'true') {
        out.push({ command: 'uvicorn --reload', evidence: repo.ev(file, c.line, { endLine: c.endLine, note: 'uvicorn.run(..., reload=True): the auto-reloading development mode' }) });
      }
    } else if (c.name === 'run' && flaskApps.has(c.callee.slice(0, -'.run'.length))) {
      out.push({ command: 'flask run', evidence: repo.ev(file, c.line, { endLine: c.endLine, note: "app.run() starts Flask's built-in Werkzeug development server" }) });
    }
  }
  return out;
}

const CHILD_PROCESS = /^(child_process\.)?(execSync|exec|spawnSync|spawn|execFileSync|execFile)$|^execa(\.command|Sync|CommandSync|Command)?$/;

/**
 * Commands a Node script runs as child processes with literal text (`execSync('prisma migrate
 * deploy')`, `spawnSync('npx', ['prisma', 'migrate', 'deploy'])`): a start script such as
 * `node scripts/check-db.js` applies migrations that way.
 */
export function nodeLaunches(repo: RepoContext, file: string): Launch[] {
  const model = repo.models.get(file);
  if (!model || model.language === 'python') return [];
  const out: Launch[] = [];
  for (const c of model.calls) {
    if (!CHILD_PROCESS.test(c.callee) || !runsInScript(model, c.fn)) continue;
    const [first, second] = c.args;
    if (first?.kind !== 'string' || !first.value) continue;
    const rest = second?.kind === 'list' ? (second.items ?? []).map((i) => (i.kind === 'string' ? (i.value ?? '') : '')) : [];
    if (rest.includes('')) continue; // an argument computed at run time: the command is not known
    out.push({ command: [first.value, ...rest].join(' '), evidence: repo.ev(file, c.line, { endLine: c.endLine, note: `run by ${c.callee}()` }) });
  }
  return out;
}

/**
 * Code a script runs: module level, or a top-level function the file calls or hands over by name
 * (`for (const fn of [checkEnv, applyMigration]) await fn()`); a helper nothing names is not run.
 */
function runsInScript(model: CodeModel, fn: number): boolean {
  if (runsOnExecution(model, fn)) return true;
  const f = model.functions[fn];
  if (!f || f.parent >= 0 || f.className || !f.name) return false;
  const named = (v: Value | undefined) => walkValue(v).some((x) => x.kind === 'name' && x.text === f.name);
  return model.calls.some((c) => c.callee === f.name || c.args.some(named)) || model.loops.some((l) => named(l.iter)) || model.assignments.some((a) => named(a.value));
}
