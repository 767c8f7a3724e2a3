/**
 * Environment reads in Python code models: os.environ / os.getenv, django-environ, python-decouple,
 * dj-database-url and pydantic-settings classes. Everything comes from the code model (calls,
 * assignments, classes, imports); the source line is only consulted to confirm that a captured
 * `x.environ["K"]` subscript is `os.environ` and not a WSGI `request.environ`.
 */
import type { Assignment, CallSite, ClassDef, CodeModel, Value } from '../code/model.js';
import { table } from '../../core/table.js';

export interface RawEnvRead {
  name: string;
  line: number;
  hasDefault: boolean;
  via: string;
  /** The literal fallback, when there is one: kept out of evidence snippets for secrets. */
  defaultText?: string;
}

/** Arguments of a call: positional `i` or keyword `kw`. */
function arg(c: CallSite, i: number, kw: string): Value | undefined {
  return c.kwargs[kw] ?? c.args[i];
}

function literal(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

function stringArg(v: Value | undefined): string | undefined {
  return v?.kind === 'string' && v.value ? v.value : undefined;
}

function importsFrom(model: CodeModel, module: string, name?: string): boolean {
  return model.imports.some((i) => (i.module === module || i.module.startsWith(`${module}.`)) && (!name || i.names.includes(name)));
}

/** `os.getenv`, `os.environ.get`, and their `from os import getenv, environ` forms. */
function osReads(model: CodeModel, lines: readonly string[], out: RawEnvRead[]): void {
  const fromOs = (n: string) => importsFrom(model, 'os', n);
  for (const c of model.calls) {
    const isGetenv = c.callee === 'os.getenv' || (c.callee === 'getenv' && fromOs('getenv'));
    const isGet = c.callee === 'os.environ.get' || (c.callee === 'environ.get' && fromOs('environ'));
    if (!isGetenv && !isGet) continue;
    const name = stringArg(c.args[0] ?? c.kwargs.key);
    if (!name) continue;
    const d = arg(c, 1, 'default');
    out.push({ name, line: c.line, hasDefault: !!d && d.kind !== 'none', via: isGetenv ? 'os.getenv' : 'os.environ.get', defaultText: literal(d) });
  }
  // os.environ["X"]: the model captures any `<x>.environ[...]`; writes (`os.environ["X"] = …`) are not reads.
  const writes = new Set(model.assignments.filter((a) => /environ\s*\[/.test(a.target)).map((a) => a.line));
  for (const r of model.envReads) {
    if (writes.has(r.line)) continue;
    if (!/(^|[^\w.])os\.environ\s*\[/.test(lines[r.line - 1] ?? '')) continue;
    out.push({ name: r.name, line: r.line, hasDefault: false, via: 'os.environ' });
  }
}

/** django-environ default variables of its URL helpers: `env.db()` reads DATABASE_URL. */
const ENVIRON_URL_DEFAULTS = table<string>({
  db: 'DATABASE_URL',
  db_url: 'DATABASE_URL',
  cache: 'CACHE_URL',
  cache_url: 'CACHE_URL',
  email: 'EMAIL_URL',
  email_url: 'EMAIL_URL',
  search_url: 'SEARCH_URL',
});
const ENVIRON_CASTS = new Set(['str', 'bool', 'int', 'float', 'json', 'list', 'tuple', 'dict', 'url', 'path', 'bytes', 'parse_value', 'get_value', ...Object.keys(ENVIRON_URL_DEFAULTS)]);

/** Names bound to `environ.Env(...)` in this model, with the variables its schema gives defaults. */
export function environBindings(model: CodeModel): { name: string; defaults: Set<string> }[] {
  if (!importsFrom(model, 'environ')) return [];
  const out: { name: string; defaults: Set<string> }[] = [];
  for (const a of model.assignments) {
    if (a.value.kind !== 'call' || !/(^|\.)Env$/.test(a.value.callee ?? '') || !/^\w+$/.test(a.target)) continue;
    const call = a.value.call !== undefined ? model.calls[a.value.call] : undefined;
    const defaults = new Set<string>();
    // Env(DEBUG=(bool, False)): a (cast, default) tuple declares a default.
    for (const [k, v] of Object.entries(call?.kwargs ?? {})) if (v.kind === 'list' && (v.items?.length ?? 0) >= 2) defaults.add(k);
    out.push({ name: a.target, defaults });
  }
  return out;
}

/** env("X"), env.str("X", default=…), env.db() on an object bound to environ.Env (here or imported). */
function djangoEnvironReads(model: CodeModel, known: ReadonlyMap<string, Set<string>>, out: RawEnvRead[]): void {
  const local = new Map(environBindings(model).map((b) => [b.name, b.defaults]));
  const objects = new Map(local);
  for (const i of model.imports) for (const n of i.names) if (known.has(n) && !objects.has(n)) objects.set(n, known.get(n) as Set<string>);
  if (objects.size === 0) return;
  for (const c of model.calls) {
    const [obj, method, extra] = c.callee.split('.');
    if (extra !== undefined || !objects.has(obj)) continue;
    if (method !== undefined && !ENVIRON_CASTS.has(method)) continue;
    let name = stringArg(c.args[0] ?? c.kwargs.var);
    if (!name && method && ENVIRON_URL_DEFAULTS[method]) name = ENVIRON_URL_DEFAULTS[method];
    if (!name) continue;
    // env("X", cast, default) vs env.str("X", default): the default's position depends on the form.
    const d = c.kwargs.default ?? (method === undefined ? c.args[2] : c.args[1]);
    const hasDefault = (!!d && d.kind !== 'none') || (objects.get(obj)?.has(name) ?? false);
    out.push({ name, line: c.line, hasDefault, via: 'django-environ', defaultText: literal(d) });
  }
}

/** python-decouple: `config("X", default=…)` with config imported from decouple (or an AutoConfig instance). */
function decoupleReads(model: CodeModel, out: RawEnvRead[]): void {
  if (!importsFrom(model, 'decouple')) return;
  const names = new Set<string>();
  if (importsFrom(model, 'decouple', 'config')) names.add('config');
  for (const a of model.assignments) if (a.value.kind === 'call' && /(^|\.)(AutoConfig|Config)$/.test(a.value.callee ?? '') && /^\w+$/.test(a.target)) names.add(a.target);
  for (const c of model.calls) {
    if (!names.has(c.callee) && c.callee !== 'decouple.config') continue;
    const name = stringArg(c.args[0]);
    if (!name) continue;
    const d = arg(c, 1, 'default');
    out.push({ name, line: c.line, hasDefault: !!d, via: 'python-decouple', defaultText: literal(d) });
  }
}

/** dj_database_url.config() reads DATABASE_URL (or `env=`) unless given a default. */
function djDatabaseUrlReads(model: CodeModel, out: RawEnvRead[]): void {
  if (!importsFrom(model, 'dj_database_url')) return;
  for (const c of model.calls) {
    if (c.callee !== 'dj_database_url.config' && !(c.callee === 'config' && importsFrom(model, 'dj_database_url', 'config'))) continue;
    const name = stringArg(c.kwargs.env) ?? 'DATABASE_URL';
    out.push({ name, line: c.line, hasDefault: !!c.kwargs.default, via: 'dj-database-url' });
  }
}

const SETTINGS_BASES = /(^|\.)BaseSettings$/;

/** Classes that are pydantic settings: BaseSettings subclasses, directly or through another settings class of the repo. */
export function settingsClassNames(models: Iterable<CodeModel>): Set<string> {
  const classes: ClassDef[] = [];
  for (const m of models) if (m.language === 'python') classes.push(...m.classes);
  const names = new Set(classes.filter((c) => c.bases.some((b) => SETTINGS_BASES.test(b))).map((c) => c.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const c of classes) {
      if (names.has(c.name)) continue;
      if (c.bases.some((b) => names.has(b.replace(/^.*\./, '')))) {
        names.add(c.name);
        grew = true;
      }
    }
  }
  return names;
}

function stringOf(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** env_prefix from `model_config = SettingsConfigDict(env_prefix=…)` / a dict, or an inner `class Config`. */
function envPrefix(model: CodeModel, cls: ClassDef): string {
  for (const a of model.assignments) {
    if (a.className === cls.name && a.target === 'model_config') {
      if (a.value.kind === 'call' && a.value.call !== undefined) {
        const p = stringOf(model.calls[a.value.call]?.kwargs.env_prefix);
        if (p !== undefined) return p;
      }
      const e = a.value.entries?.find((x) => x.key === 'env_prefix');
      if (e && stringOf(e.value) !== undefined) return stringOf(e.value) as string;
    }
    if (a.className === 'Config' && a.target === 'env_prefix' && a.line > cls.line && a.line <= cls.endLine) {
      const p = stringOf(a.value);
      if (p !== undefined) return p;
    }
  }
  return '';
}

/** A field's env name and whether it has a default, from its value (`= "x"`, `= Field(..., alias="X")`). */
function fieldRead(model: CodeModel, a: Assignment, prefix: string): { name: string; hasDefault: boolean; defaultText?: string } {
  let name = `${prefix}${a.target}`.toUpperCase();
  // An annotation-only field (`secret_key: str`) has no value text: it is required.
  let hasDefault = a.value.text !== '';
  let defaultText = literal(a.value);
  const call = a.value.kind === 'call' && a.value.call !== undefined ? model.calls[a.value.call] : undefined;
  if (call && /(^|\.)Field$/.test(call.callee)) {
    const first = call.args[0];
    hasDefault = (!!first && first.text !== '...' && first.text !== 'Ellipsis') || !!call.kwargs.default || !!call.kwargs.default_factory;
    defaultText = literal(call.kwargs.default) ?? literal(first);
    const alias = call.kwargs.validation_alias ?? call.kwargs.alias ?? call.kwargs.env;
    // AliasChoices("A", "B"): the first choice is the documented one.
    const aliasCall = alias?.kind === 'call' && alias.call !== undefined ? model.calls[alias.call] : undefined;
    const aliasName = stringOf(alias) ?? stringOf(aliasCall?.args[0]) ?? stringOf(alias?.items?.[0]);
    if (aliasName) name = aliasName;
  }
  return { name, hasDefault, ...(defaultText ? { defaultText } : {}) };
}

/** Fields of pydantic settings classes (class-level annotated assignments). */
function pydanticReads(model: CodeModel, settings: ReadonlySet<string>, repoClasses: ReadonlySet<string>, out: RawEnvRead[]): void {
  for (const cls of model.classes) {
    if (!settings.has(cls.name)) continue;
    const prefix = envPrefix(model, cls);
    for (const a of model.assignments) {
      if (a.scope !== 'class' || a.className !== cls.name || !a.annotation || !/^[A-Za-z]\w*$/.test(a.target)) continue;
      if (a.target === 'model_config' || /ClassVar/.test(a.annotation)) continue;
      // A nested settings model (`db: DatabaseSettings`) is read through its own fields.
      if (repoClasses.has(a.annotation.replace(/^Optional\[|\]$/g, '').replace(/\s*\|\s*None$/, ''))) continue;
      const r = fieldRead(model, a, prefix);
      out.push({ ...r, line: a.line, via: 'pydantic-settings' });
    }
  }
}

export interface PythonRepoIndex {
  settings: Set<string>;
  classes: Set<string>;
  environObjects: Map<string, Set<string>>;
}

export function pythonRepoIndex(models: Iterable<CodeModel>): PythonRepoIndex {
  const list = [...models].filter((m) => m.language === 'python');
  const environObjects = new Map<string, Set<string>>();
  for (const m of list) for (const b of environBindings(m)) environObjects.set(b.name, b.defaults);
  return { settings: settingsClassNames(list), classes: new Set(list.flatMap((m) => m.classes.map((c) => c.name))), environObjects };
}

export function pythonEnvReads(model: CodeModel, lines: readonly string[], index: PythonRepoIndex): RawEnvRead[] {
  const out: RawEnvRead[] = [];
  osReads(model, lines, out);
  djangoEnvironReads(model, index.environObjects, out);
  decoupleReads(model, out);
  djDatabaseUrlReads(model, out);
  pydanticReads(model, index.settings, index.classes, out);
  return out;
}
