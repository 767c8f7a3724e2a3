/**
 * Shared helpers for the capability extractors (observability and data markers): which parsed files
 * count, how a library is recognised in a file (import + the call that wires it), and the
 * dependency-manifest fallback used when no code evidence exists.
 */
import type { Evidence } from '../../core/evidence.js';
import type { RepoFile, Role } from '../../discover/types.js';
import type { CallSite, CodeModel, Import, Value } from '../code/model.js';
import type { FactMap, Marker, MarkerKind } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, isTrue, walkValue } from '../code/value-walk.js';
import type { Binding } from '../routes/imports.js';
import { programFor } from '../routes/program.js';

// Re-exported: the extractors of this family import them from here.
export { entry, isTrue, walkValue };

export interface Scanned {
  model: CodeModel;
  file: RepoFile;
  python: boolean;
  /** The file's import bindings with their local names (`import logger from 'morgan'`), read on first use. */
  bindings?: () => readonly Binding[];
}

/**
 * Parsed files whose capabilities count for the deployed service: application code, plus code-like
 * configuration (`sentry.server.config.ts`, `drizzle.config.ts`) where SDKs are often initialised.
 * Scripts and migrations run by hand or at deploy time never set up the running service.
 */
export function scannedFiles(repo: RepoContext, roles: readonly Role[] = ['app', 'config']): Scanned[] {
  const out: Scanned[] = [];
  const wantsMigrations = roles.includes('migration');
  for (const model of repo.models.values()) {
    const file = repo.file(model.file);
    if (!file || !roles.includes(file.role) || isTestModule(file.path)) continue;
    if (!wantsMigrations && isMigrationModule(model)) continue;
    out.push({ model, file, python: model.language === 'python', bindings: () => programFor(repo).bindings(model.file) });
  }
  return out.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
}

/**
 * Django / unittest test modules named `tests.py` (or `test.py`) are classified as application code
 * by path rules; their create_all / print / handlers never run in the service.
 */
export function isTestModule(path: string): boolean {
  return /(^|\/)tests?\.py$/.test(path);
}

/**
 * Migration code found outside a `migrations/` folder (Alembic revisions kept in `revisions/…/versions/`,
 * its env.py, Django migration modules): recognised by what it imports and declares, since its path
 * gave it the application role. It runs at deploy time, never inside the service.
 */
export function isMigrationModule(model: CodeModel): boolean {
  if (model.language === 'python') {
    if (model.imports.some((i) => i.module === 'alembic' && (i.names.includes('op') || i.names.includes('context')))) return true;
    const django = model.imports.some((i) => i.module === 'django.db' && i.names.includes('migrations'));
    return django && model.classes.some((c) => c.name === 'Migration' && c.bases.includes('migrations.Migration'));
  }
  return model.classes.some((c) => c.bases.some((b) => /\bMigrationInterface\b/.test(b)));
}

/** `mod` itself or a submodule of it: `sentry_sdk.integrations`, `@sentry/node`, `pino/file`. */
export function moduleMatches(module: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return module.startsWith(prefix);
  return module === prefix || module.startsWith(`${prefix}.`) || module.startsWith(`${prefix}/`);
}

/**
 * Per model, every prefix `moduleMatches` can accept for one of its imports (`a.b.c` → `a`, `a.b`,
 * `a.b.c`; `@s/x` → `@s`, `@s/`, `@s/x`): most files import none of the libraries a marker looks for,
 * and a set lookup says so without comparing every import with every library prefix.
 */
const importPrefixes = new WeakMap<CodeModel, Set<string>>();

function prefixesOf(model: CodeModel): Set<string> {
  let set = importPrefixes.get(model);
  if (!set) {
    set = new Set();
    for (const { module } of model.imports) {
      set.add(module);
      for (let k = 0; k < module.length; k++) {
        const ch = module[k];
        if (ch !== '.' && ch !== '/') continue;
        set.add(module.slice(0, k));
        if (ch === '/') set.add(module.slice(0, k + 1));
      }
    }
    importPrefixes.set(model, set);
  }
  return set;
}

export function findImport(model: CodeModel, prefixes: readonly string[]): Import | undefined {
  const known = prefixesOf(model);
  if (!prefixes.some((p) => known.has(p))) return undefined;
  return model.imports.find((i) => prefixes.some((p) => moduleMatches(i.module, p)));
}

/** Dict entries anywhere inside a call's arguments (object literals passed to constructors, options). */
export function entriesIn(call: CallSite): readonly { key: string; value: Value }[] {
  // Several extractors ask this of every call; most calls pass no literal with entries.
  if (!passesNested(call)) return NO_ENTRIES;
  let out = entriesByCall.get(call);
  if (out) return out;
  out = [];
  for (const r of call.args) pushEntries(r, out);
  for (const k in call.kwargs) pushEntries(call.kwargs[k], out);
  if (out.length === 0) out = NO_ENTRIES;
  entriesByCall.set(call, out);
  return out;
}

function passesNested(call: CallSite): boolean {
  for (const a of call.args) if (a.entries !== undefined || a.items !== undefined) return true;
  for (const k in call.kwargs) if (call.kwargs[k].entries !== undefined || call.kwargs[k].items !== undefined) return true;
  return false;
}
const entriesByCall = new WeakMap<CallSite, { key: string; value: Value }[]>();
const NO_ENTRIES: { key: string; value: Value }[] = [];

/** The entries `walkValue` order meets: a dict's own entries when it is reached, then its items' and values'. */
function pushEntries(v: Value, out: { key: string; value: Value }[]): void {
  if (!v.entries && !v.items) return;
  if (v.entries) for (const e of v.entries) out.push(e);
  if (v.items) for (const item of v.items) pushEntries(item, out);
  if (v.entries) for (const e of v.entries) pushEntries(e.value, out);
}

/** The last line a Value spans (its nested items included), for "is this line inside that literal". */
export function lastLine(v: Value): number {
  let max = v.line;
  for (const x of walkValue(v)) if (x.line > max) max = x.line;
  return max;
}

/**
 * How a library shows up in code. A file that imports one of `modules` credits the library at the
 * first call whose name or full callee is in `calls` (the init / wiring call), else at a call that
 * passes one of `args` (a middleware class handed to `add_middleware`), else — when `importCredits` —
 * at the import itself.
 */
export interface LibSpec {
  detail: string;
  modules: string[];
  calls?: string[];
  args?: string[];
  importCredits?: boolean;
  /** Only in files of this language family. */
  lang?: 'python' | 'node';
}

export function matchLib(s: Scanned, lib: LibSpec): { line: number; how: 'call' | 'import' } | undefined {
  if (lib.lang && (lib.lang === 'python') !== s.python) return undefined;
  const imp = findImport(s.model, lib.modules);
  if (!imp) return undefined;
  const calls = lib.calls ?? [];
  // `const logger = require('morgan')`: the package's own call made under a local name.
  const locals = s.python || calls.length === 0 ? [] : localNames(s, lib.modules);
  const call = s.model.calls.find((c) => calls.some((want) => callMatches(c, want)) || (c.callee !== 'require' && locals.includes(c.callee)));
  if (call) return { line: call.line, how: 'call' };
  const args = lib.args ?? [];
  const passing = s.model.calls.find((c) => c.args.some((a) => args.includes(a.text)));
  if (passing) return { line: passing.line, how: 'call' };
  return lib.importCredits ? { line: imp.line, how: 'import' } : undefined;
}

/** Local names a JS module's default export or module object is bound to: `import logger from 'morgan'`, `const logger = require('morgan')`. */
function localNames(s: Scanned, modules: readonly string[]): string[] {
  const out = requiredAs(s.model, modules);
  for (const b of s.bindings?.() ?? []) if (modules.includes(b.module) && (b.name === 'default' || b.name === '*') && !out.includes(b.local)) out.push(b.local);
  return out;
}

/** Names a module is bound to by `const x = require('module')` (module-level). */
function requiredAs(model: CodeModel, modules: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of model.assignments) {
    if (a.scope !== 'module' || a.value.kind !== 'call' || a.value.callee !== 'require' || a.value.call === undefined) continue;
    const spec = model.calls[a.value.call].args[0]?.value;
    if (spec && modules.includes(spec) && /^[\w$]+$/.test(a.target)) out.push(a.target);
  }
  return out;
}

/** Verbs too common to match on the last segment alone (`db.init()`): they must be the whole callee. */
const GENERIC_VERBS = new Set(['init', 'configure', 'initialize', 'start', 'add', 'register']);

/** `want` with a dot is a full callee; a bare class or factory name also matches `mod.Name(...)`. */
export function callMatches(c: CallSite, want: string): boolean {
  if (c.callee === want) return true;
  if (want.includes('.')) return false;
  return !GENERIC_VERBS.has(want) && c.name === want;
}

/** Markers for every file matching each library. */
export function libMarkers(repo: RepoContext, files: readonly Scanned[], kind: MarkerKind, libs: readonly LibSpec[]): Marker[] {
  const out: Marker[] = [];
  for (const s of files) {
    for (const lib of libs) {
      const hit = matchLib(s, lib);
      if (!hit) continue;
      const note = hit.how === 'import' ? `${lib.detail} imported (no set-up call in this file)` : undefined;
      out.push({ kind, detail: lib.detail, evidence: repo.ev(s.file.path, hit.line, note ? { note } : {}), scope: 'app' });
    }
  }
  return out;
}

export interface DepSpec {
  detail: string;
  /** Package names as normalised in `facts.dependencies` (PEP 503 for PyPI). */
  names: string[];
  /** Scoped families (`@sentry/`): every package under the prefix except `except`. */
  prefixes?: string[];
  except?: string[];
}

function depMatches(spec: DepSpec, name: string): boolean {
  if (spec.names.includes(name)) return true;
  return (spec.prefixes ?? []).some((p) => name.startsWith(p)) && !(spec.except ?? []).includes(name);
}

/**
 * The manifest fallback: a runtime dependency that names the capability, used only when the code
 * shows nothing for that library in the same service (code evidence is always preferred).
 */
export function depMarkers(repo: RepoContext, facts: FactMap, kind: MarkerKind, specs: readonly DepSpec[], fromCode: readonly Marker[]): Marker[] {
  const out: Marker[] = [];
  const serviceOf = (e: Evidence): string => repo.file(e.file)?.service ?? '';
  for (const d of facts.dependencies) {
    if (d.dev) continue;
    const spec = specs.find((s) => depMatches(s, d.name));
    if (!spec) continue;
    const svc = serviceOf(d.evidence);
    const seen = [...fromCode, ...out].some((m) => m.kind === kind && m.detail === spec.detail && serviceOf(m.evidence) === svc);
    if (seen) continue;
    out.push({
      kind,
      detail: spec.detail,
      evidence: { ...d.evidence, note: `${d.name} is a declared dependency; no set-up call was found in the code` },
      scope: 'app',
    });
  }
  return out;
}
