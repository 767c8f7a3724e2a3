/**
 * A cross-file view of the parsed code: which file an import points at, and what a name means in a
 * file (a function, a class, a module-level value, a module, or something from a package). Built once
 * per run and shared by the route, rate-limit and LLM extractors (cached on the RepoContext).
 */
import { methodIndex } from '../code/lookup.js';
import type { Assignment, CodeModel } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import { importBindings, type Binding } from './imports.js';
import { tsPathAliases, type AliasResolver } from './ts-paths.js';

export type Sym =
  | { kind: 'function'; file: string; fn: number }
  | { kind: 'class'; file: string; cls: number }
  | { kind: 'value'; file: string; assignment: Assignment }
  | { kind: 'module'; file: string }
  | { kind: 'external'; module: string; name: string };

const JS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const MAX_HOPS = 5;

export interface Program {
  repo: RepoContext;
  model(path: string): CodeModel | undefined;
  bindings(path: string): Binding[];
  /** The repository file a module specifier points at from `from`, or undefined for packages. */
  resolveModule(from: string, spec: string): string | undefined;
  /** What `name` means at module level in `file`, following imports. */
  resolveName(file: string, name: string): Sym | undefined;
  /** What a JS module exports as default (a function, a class, a value) or the module itself. */
  defaultExport(file: string): Sym | undefined;
  /** Top-level function (not a method) named `name`, or -1. */
  topFunction(file: string, name: string): number;
  /** A method of a class in `file`, or -1. */
  method(file: string, className: string, name: string): number;
  /** True when the file imports a module matching the predicate. */
  imports(file: string, test: (module: string) => boolean): boolean;
}

const cache = new WeakMap<RepoContext, Program>();

export function programFor(repo: RepoContext): Program {
  let p = cache.get(repo);
  if (!p) {
    p = createProgram(repo);
    cache.set(repo, p);
  }
  return p;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function createProgram(repo: RepoContext): Program {
  const paths = new Set(repo.discovery.files.map((f) => f.path));
  /** Python files by module stem (`summarizer.py` → summarizer, `pkg/__init__.py` → pkg). */
  const pyByStem = new Map<string, string[]>();
  for (const f of repo.discovery.files) {
    if (f.language !== 'python') continue;
    const parts = f.path.replace(/\.py$/, '').split('/');
    const stem = parts[parts.length - 1] === '__init__' ? (parts[parts.length - 2] ?? '') : parts[parts.length - 1];
    pyByStem.set(stem, [...(pyByStem.get(stem) ?? []), f.path]);
  }
  /** Per file: classes by name and the last module-level assignment by target. */
  const tables = new Map<string, { classes: Map<string, number>; values: Map<string, Assignment>; bindings: Map<string, Binding>; stars: Binding[] }>();
  function table(file: string) {
    let t = tables.get(file);
    if (!t) {
      const m = model(file);
      t = { classes: new Map(), values: new Map(), bindings: new Map(), stars: [] };
      m?.classes.forEach((c, i) => {
        if (!t!.classes.has(c.name)) t!.classes.set(c.name, i);
      });
      // `const x = require('m')` is an import (bindings), not a value.
      for (const a of m?.assignments ?? []) if (a.scope === 'module' && a.value.callee !== 'require') t.values.set(a.target, a);
      for (const b of bindings(file)) if (!t.bindings.has(b.local)) t.bindings.set(b.local, b);
      t.stars = bindings(file).filter((x) => x.name === '*' && x.local === '*');
      tables.set(file, t);
    }
    return t;
  }
  const bindingCache = new Map<string, Binding[]>();
  const moduleCache = new Map<string, string | undefined>();
  /** resolveName answers by file, then name (nested maps: no key string built per question). */
  const symCache = new Map<string, Map<string, Sym | undefined>>();

  const model = (path: string) => repo.models.get(path);
  let aliases: AliasResolver | undefined;

  function bindings(path: string): Binding[] {
    let b = bindingCache.get(path);
    if (!b) {
      const m = model(path);
      b = m ? importBindings(m, repo.lines(path)) : [];
      bindingCache.set(path, b);
    }
    return b;
  }

  function resolvePython(from: string, spec: string): string | undefined {
    const level = /^\.*/.exec(spec)?.[0].length ?? 0;
    const rest = spec.slice(level).replace(/\./g, '/');
    const candidates = (base: string) => (rest ? [`${join(base, rest)}.py`, `${join(base, rest)}/__init__.py`] : [`${base ? `${base}/` : ''}__init__.py`]);
    if (level > 0) {
      let base = dirname(from);
      for (let i = 1; i < level; i++) base = dirname(base);
      return candidates(base).find((c) => paths.has(c));
    }
    // Absolute: any file whose path ends with the module path; the closest to the importer wins.
    const tails = [`${rest}.py`, `${rest}/__init__.py`];
    let best: string | undefined;
    let bestScore = -1;
    for (const p of pyByStem.get(rest.slice(rest.lastIndexOf('/') + 1)) ?? []) {
      if (!tails.some((t) => p === t || p.endsWith(`/${t}`))) continue;
      const score = commonPrefix(p, from) * 2 + (p.endsWith('__init__.py') ? 0 : 1);
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    return best;
  }

  function resolveJs(from: string, spec: string): string | undefined {
    let base: string | undefined;
    if (spec.startsWith('.')) base = join(dirname(from), spec);
    else {
      for (const target of (aliases ??= tsPathAliases(repo))(from, spec)) {
        const hit = tryJs(target);
        if (hit) return hit;
      }
    }
    if (base !== undefined) return tryJs(base);
    if (/^[@~]\//.test(spec)) {
      // No tsconfig alias said where `@/` points: the service's src/ folder, then its root.
      const svc = repo.file(from)?.service ?? '';
      for (const root of [join(svc, 'src'), svc]) {
        const hit = tryJs(join(root, spec.slice(2)));
        if (hit) return hit;
      }
      return undefined;
    }
    return undefined;
  }

  function tryJs(base: string): string | undefined {
    const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, '');
    const cands = [base, ...JS_EXTS.map((e) => stem + e), ...JS_EXTS.map((e) => `${base}/index${e}`)];
    return cands.find((c) => paths.has(c) && model(c));
  }

  function resolveModule(from: string, spec: string): string | undefined {
    const key = `${from}\0${spec}`;
    if (moduleCache.has(key)) return moduleCache.get(key);
    const m = model(from);
    const out = m?.language === 'python' ? resolvePython(from, spec) : resolveJs(from, spec);
    moduleCache.set(key, out);
    return out;
  }

  const topIndex = new Map<string, Map<string, number>>();
  function topFunction(file: string, name: string): number {
    let idx = topIndex.get(file);
    if (!idx) {
      idx = new Map();
      // Later definitions win, as at run time.
      (model(file)?.functions ?? []).forEach((f, i) => {
        if (f.parent === -1 && !f.className && f.name) idx!.set(f.name, i);
      });
      topIndex.set(file, idx);
    }
    return idx.get(name) ?? -1;
  }

  function method(file: string, className: string, name: string): number {
    const m = model(file);
    if (!m) return -1;
    return methodIndex(m, className, name);
  }

  /** `export default …` in a JS module: module.exports, a default-exported function, or the only router. */
  function jsDefault(file: string, hops: number): Sym | undefined {
    const m = model(file);
    if (!m) return undefined;
    const exp = m.assignments.find((a) => a.scope === 'module' && (a.target === 'module.exports' || a.target === 'exports.default'));
    if (exp) return exp.value.kind === 'name' ? resolve(file, exp.value.text, hops + 1) : { kind: 'value', file, assignment: exp };
    const def = m.defaultExport;
    if (def?.name) return resolve(file, def.name, hops + 1) ?? { kind: 'module', file };
    const fnIdx = def ? m.functions.findIndex((f) => f.parent === -1 && !f.className && f.line === def.line) : -1;
    if (fnIdx >= 0) return { kind: 'function', file, fn: fnIdx };
    const cls = def ? m.classes.findIndex((c) => c.line === def.line) : -1;
    if (cls >= 0) return { kind: 'class', file, cls };
    return { kind: 'module', file };
  }

  function resolve(file: string, name: string, hops: number): Sym | undefined {
    if (hops > MAX_HOPS) return undefined;
    const m = model(file);
    if (!m) return undefined;
    const fn = topFunction(file, name);
    if (fn >= 0) return { kind: 'function', file, fn };
    const t = table(file);
    const cls = t.classes.get(name);
    if (cls !== undefined) return { kind: 'class', file, cls };
    const value = t.values.get(name);
    if (value) return { kind: 'value', file, assignment: value };
    const b = t.bindings.get(name);
    if (b) return fromBinding(file, b, hops);
    // `from x import *`: look inside each star-imported module.
    for (const star of t.stars) {
      const target = resolveModule(file, star.module);
      const hit = target ? resolve(target, name, hops + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  function fromBinding(file: string, b: Binding, hops: number): Sym | undefined {
    const target = resolveModule(file, b.module);
    if (model(file)?.language === 'python' && b.name !== '*' && (!target || target.endsWith('__init__.py'))) {
      // `from pkg import sub` (or `from . import sub`) where sub is a module of the package.
      const sub = resolveModule(file, b.module.endsWith('.') ? b.module + b.name : `${b.module}.${b.name}`);
      const inner = target ? resolve(target, b.name, hops + 1) : undefined;
      if (inner) return inner;
      if (sub) return { kind: 'module', file: sub };
    }
    if (!target) return { kind: 'external', module: b.module, name: b.name };
    if (b.name === '*') {
      // `const Post = require('./post')` where post.js does `module.exports = Post`: the exported value.
      const exp = model(target)?.assignments.find((a) => a.scope === 'module' && a.target === 'module.exports');
      return exp && model(target)?.language !== 'python' ? jsDefault(target, hops) : { kind: 'module', file: target };
    }
    if (b.name === 'default') return jsDefault(target, hops);
    return resolve(target, b.name, hops + 1);
  }

  return {
    repo,
    model,
    bindings,
    resolveModule,
    resolveName: (file, name) => {
      let byName = symCache.get(file);
      if (!byName) symCache.set(file, (byName = new Map()));
      if (byName.has(name)) return byName.get(name);
      const sym = resolve(file, name, 0);
      byName.set(name, sym);
      return sym;
    },
    defaultExport: (file) => jsDefault(file, 0),
    topFunction,
    method,
    imports: (file, test) => (model(file)?.imports ?? []).some((i) => test(i.module)),
  };
}
