/**
 * DebugSetting facts: places where debug mode is on by default in application code, and (with
 * `enabled: false`) debug switches that default to off, which a pass cites.
 *
 * Python: `FastAPI(debug=True)`, `app.run(debug=True)` outside `if __name__ == "__main__"`,
 * `app.debug = True`, `app.config["DEBUG"] = True`, `DEBUG = True` in a settings module (not
 * dev/local/test settings files), config classes and pydantic-settings fields defaulting to true,
 * and DEBUG env reads whose default is truthy (`os.getenv("DEBUG", "True")`, `env.bool("DEBUG",
 * default=True)`, `environ.Env(DEBUG=(bool, True))`). Node: the `errorhandler` middleware used
 * unconditionally, `app.set('env', 'development')`, `process.env.DEBUG || 'true'`.
 */
import { inMainGuard, type CodeModel, type Value } from '../code/model.js';
import type { DebugSetting, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, callOf, isDevClassName, isDevSettingsFile, isSettingsModule, productionOverrides } from './code-util.js';
import { envGuard } from './layout.js';
import { appEntryLines } from '../../stacks/app-entries.js';

/** DEBUG, APP_DEBUG, FLASK_DEBUG, DJANGO_DEBUG, MYAPP_DEBUG; not library switches like SQL_DEBUG or NODE_DEBUG. */
const DEBUG_NAME = /^(?!(SQL|SQLALCHEMY|DB|LOG|LOGGING|TEMPLATE|CELERY|TASK|NODE|ASYNCIO|PYTHONASYNCIO|GRPC|HTTP|REQUESTS|PW|TOOLBAR)_)([A-Z0-9]+_)?DEBUG$/i;
/** Receivers that are the web application object. */
const APP_NAMES = /^(app|application|server|api|flask_app|web_app)$/;
const ENV_GETTER = /(^|\.)(getenv|environ\.get|env|env\.bool|env\.str|config|getenv_bool)$/;

/** true / false for a literal default, undefined when it is not a literal. */
export function truthy(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value === 'true';
  if (v.kind === 'none') return false;
  if (v.kind === 'number') return Number(v.value) !== 0;
  if (v.kind === 'string') return /^(true|1|yes|on|t|y)$/i.test((v.value ?? '').trim());
  return undefined;
}

class Out {
  readonly list: DebugSetting[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly repo: RepoContext) {}
  add(file: string, line: number, mechanism: string, enabled: boolean, note?: string): void {
    const key = `${file}:${line}`;
    if (this.seen.has(key)) return;
    // Switched on only under a debug/environment condition: that is the development path.
    if (enabled && envGuard(this.repo, file, line)) return;
    this.seen.add(key);
    this.list.push({ evidence: this.repo.ev(file, line, note ? { note } : {}), mechanism, ...(enabled ? {} : { enabled: false }) });
  }
}

/** The default of a pydantic-settings / config-class field: `debug: bool = True`, `Field(default=True)`. */
function fieldDefault(m: CodeModel, v: Value): boolean | undefined {
  const call = callOf(m, v);
  if (call && call.name === 'Field') return truthy(call.kwargs.default ?? call.args[0]);
  return truthy(v);
}

function python(repo: RepoContext, m: CodeModel, out: Out, settingsUse: Map<string, string>, ctorLines: ReadonlyMap<string, Set<number>>): void {
  const settingsFile = isSettingsModule(m) && !isDevSettingsFile(m.file);
  const ctors = ctorLines.get(m.file);
  for (const c of m.calls) {
    if (inMainGuard(m, c.line)) continue; // `python app.py` local runs only
    const dbg = c.kwargs.debug;
    const appCtor = c.name === 'FastAPI' || c.name === 'Starlette' || (!!ctors?.has(c.line) && m.calls.find((x) => x.line === c.line) === c);
    if (appCtor && dbg) {
      const on = truthy(dbg);
      if (on !== undefined) out.add(m.file, c.line, `${c.name}(debug=${dbg.text})`, on);
      else if (dbg.kind === 'attr') settingsUse.set(dbg.text.split('.').pop()!.toLowerCase(), `${c.name}(debug=${dbg.text}) at ${m.file}:${c.line}`);
    } else if (c.name === 'run' && dbg && truthy(dbg) && !/^(asyncio|uvicorn|anyio|trio|subprocess)\./.test(c.callee)) {
      out.add(m.file, c.line, `${c.callee}(debug=True)`, true, 'runs the debugger outside `if __name__ == "__main__"`');
    } else if (c.name === 'update' && /config$/.test(c.callee.replace(/\.update$/, '')) && c.kwargs.DEBUG && truthy(c.kwargs.DEBUG)) {
      out.add(m.file, c.line, 'app.config.update(DEBUG=True)', true);
    } else if (ENV_GETTER.test(c.callee) && c.args[0]?.kind === 'string' && DEBUG_NAME.test(c.args[0].value ?? '')) {
      const d = c.args[1] ?? c.kwargs.default;
      const on = truthy(d);
      if (on === true && settingsFile && productionOverrides(repo.models.values(), m.file, 'DEBUG')) continue;
      if (on === true) out.add(m.file, c.line, `${c.args[0].value} defaults to ${d!.text}`, true, 'debug is on wherever the variable is not set');
      // No default: os.getenv gives None (off); env()/config() without a default refuse to start instead.
      else if (on === false || (!d && /(^|\.)(getenv|environ\.get)$/.test(c.callee))) out.add(m.file, c.line, `${c.args[0].value} read from the environment, off by default`, false);
    } else if (/(^|\.)Env$/.test(c.callee)) {
      // django-environ: environ.Env(DEBUG=(bool, True))
      for (const [k, v] of Object.entries(c.kwargs)) {
        if (!DEBUG_NAME.test(k) || v.kind !== 'list' || !v.items?.[1]) continue;
        const on = truthy(v.items[1]);
        if (on !== undefined) out.add(m.file, c.line, `environ.Env(${k}=${v.text})`, on);
      }
    }
  }
  for (const a of m.assignments) {
    if (inMainGuard(m, a.line)) continue;
    const on = a.scope === 'class' ? fieldDefault(m, a.value) : truthy(a.value);
    if (a.scope === 'class' && a.className && DEBUG_NAME.test(a.target)) {
      if (on === undefined || isDevClassName(a.className)) continue;
      const cls = m.classes.find((c) => c.name === a.className);
      if (cls?.bases.some((b) => /(^|\.)BaseSettings$/.test(b))) {
        const use = settingsUse.get(a.target.toLowerCase());
        out.add(m.file, a.line, `${a.className}.${a.target} defaults to ${a.value.text}`, on, on && use ? `used by ${use}` : on ? 'debug is on wherever the variable is not set' : undefined);
        continue;
      }
      // A config class (Flask `class Config: DEBUG = True`): on unless a subclass in the same file turns it off.
      if (a.target !== 'DEBUG' && !/(Config|Settings|Configuration)$/.test(a.className)) continue;
      if (on && overriddenOff(m, a.className, a.target)) continue;
      out.add(m.file, a.line, `${a.className}.${a.target} = ${a.value.text}`, on);
    } else if (a.scope === 'module' && a.target === 'DEBUG' && settingsFile && on !== undefined) {
      if (on && productionOverrides(repo.models.values(), m.file, 'DEBUG')) continue;
      out.add(m.file, a.line, `DEBUG = ${a.value.text}`, on);
    } else if (/\.debug$/.test(a.target) && on === true && a.scope !== 'class' && isAppObject(m, a.target.slice(0, -'.debug'.length))) {
      out.add(m.file, a.line, `${a.target} = True`, true);
    } else if (/\.config\[\s*['"]DEBUG['"]\s*\]$/.test(a.target) && on === true) {
      out.add(m.file, a.line, `${a.target} = True`, true);
    }
  }
}

/** `app` and names assigned `Flask(...)` / `FastAPI(...)` / `Starlette(...)` / `Quart(...)` in this file. */
function isAppObject(m: CodeModel, name: string): boolean {
  if (APP_NAMES.test(name)) return true;
  return m.assignments.some((a) => a.target === name && a.value.kind === 'call' && /(^|\.)(Flask|FastAPI|Starlette|Quart)$/.test(a.value.callee ?? ''));
}

function overriddenOff(m: CodeModel, cls: string, target: string): boolean {
  const subs = m.classes.filter((c) => c.bases.some((b) => b === cls || b.endsWith(`.${cls}`))).map((c) => c.name);
  return m.assignments.some((a) => a.scope === 'class' && a.className && subs.includes(a.className) && a.target === target && truthy(a.value) === false);
}

function node(repo: RepoContext, m: CodeModel, out: Out): void {
  const errorhandler = m.imports.some((i) => i.module === 'errorhandler');
  for (const c of m.calls) {
    if (errorhandler && c.callee === 'errorhandler' && unconditional(repo, m, c.line, c.fn)) {
      out.add(m.file, c.line, 'errorhandler()', true, 'sends stack traces to clients; meant for development only');
    } else if (c.name === 'set' && c.args[0]?.kind === 'string' && c.args[0].value === 'env' && c.args[1]?.kind === 'string' && c.args[1].value === 'development') {
      out.add(m.file, c.line, "app.set('env', 'development')", true, 'Express then renders stack traces in error responses');
    }
  }
  for (const r of m.envReads) {
    if (!DEBUG_NAME.test(r.name)) continue;
    const d = r.defaultValue;
    if (r.hasDefault && d !== undefined && /^(true|1|yes|on)$/i.test(d)) out.add(m.file, r.line, `process.env.${r.name} defaults to ${d}`, true, 'debug is on wherever the variable is not set');
    else if (!r.hasDefault || (d !== undefined && /^(false|0|no|off|)$/i.test(d))) out.add(m.file, r.line, `process.env.${r.name} read from the environment, off by default`, false);
  }
}

/**
 * The JS model has no `if` blocks, so "unconditional" is read from layout: a call at column 0 of a
 * module, or at the base indentation of its function's body. A call nested in an `if` is indented
 * deeper and is left alone (no finding rather than a guess).
 */
function unconditional(repo: RepoContext, m: CodeModel, line: number, fn: number): boolean {
  const lines = repo.lines(m.file);
  const indent = (l: string | undefined) => (l === undefined ? -1 : l.length - l.trimStart().length);
  const own = indent(lines[line - 1]);
  if (fn < 0) return own === 0;
  const f = m.functions[fn];
  for (let i = f.line; i < f.endLine; i++) {
    const l = lines[i];
    if (l !== undefined && l.trim() !== '' && !l.trim().startsWith('//')) return own === indent(l);
  }
  return false;
}

export function collectDebugSettings(repo: RepoContext, facts: FactMap): DebugSetting[] {
  const out = new Out(repo);
  const models = appModels(repo, ['app']);
  // FastAPI(debug=settings.debug) links to the settings field; read the call sites first.
  const settingsUse = new Map<string, string>();
  const py = models.filter((m) => m.language === 'python');
  // App constructors by position, so a repository subclass of FastAPI / Starlette counts too.
  const ctors = appEntryLines(facts.appEntries, ['fastapi', 'starlette']);
  for (const m of py) python(repo, m, new Out(repo), settingsUse, ctors);
  for (const m of py) python(repo, m, out, settingsUse, ctors);
  for (const m of models) if (m.language !== 'python') node(repo, m, out);
  return out.list;
}
