/**
 * Which functions run while serving a request: route handlers (and callbacks nested in them),
 * functions a route reaches by name (Route.reaches, same service), FastAPI `Depends(...)` targets,
 * Express/Koa middleware passed
 * to `.use(…)`, and Python functions registered as middleware / request hooks / websocket handlers.
 * Used by module-state.ts: state mutated there changes per request, per instance.
 */
import type { CodeModel } from '../code/model.js';
import type { FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

/** Names too generic to match across files by name alone. */
const GENERIC = new Set(['get', 'set', 'add', 'update', 'delete', 'create', 'run', 'main', 'init', 'handler', 'call', 'process', 'execute', 'send', 'wrapper', 'inner', 'decorator']);
const PY_HOOK = /(^|\.)(middleware|before_request|after_request|websocket|websocket_route|on_event)$/;

export interface RequestTime {
  /** Is function `fn` of `model` (or a function enclosing it) request-time code? */
  has(model: CodeModel, fn: number): boolean;
}

export function requestTime(repo: RepoContext, facts: FactMap): RequestTime {
  const ranges = new Map<string, { from: number; to: number }[]>();
  /** Per reached function name: the stems of the files the reaching handlers import (or live in). */
  const reached = new Map<string, Set<string>>();
  for (const r of facts.routes) {
    if (!r.handler) continue;
    const list = ranges.get(r.handler.file) ?? [];
    list.push({ from: r.handler.line, to: r.handler.endLine });
    ranges.set(r.handler.file, list);
    const stems = importStems(repo.models.get(r.handler.file), r.handler.file);
    for (const n of r.reaches) {
      if (n.length <= 2 || GENERIC.has(n)) continue;
      const set = reached.get(n) ?? new Set<string>();
      stems.forEach((st) => set.add(st));
      reached.set(n, set);
    }
  }
  // FastAPI dependencies (`Depends(rate_limiter)`) run on every request but are roots, not in reaches.
  for (const m of repo.models.values()) {
    if (m.language !== 'python') continue;
    let stems: Set<string> | undefined;
    for (const c of m.calls) {
      const a = c.args[0];
      if (!/^(fastapi\.)?(Depends|Security)$/.test(c.callee) || !a || (a.kind !== 'name' && a.kind !== 'attr')) continue;
      const n = a.text.slice(a.text.lastIndexOf('.') + 1);
      stems ??= importStems(m, m.file);
      const set = reached.get(n) ?? new Set<string>();
      stems.forEach((st) => set.add(st));
      reached.set(n, set);
    }
  }
  // Route.reaches holds names only: a name matches a function when the service defines it once, or when
  // the function's module is one the reaching handler imports.
  const defined = new Map<string, number>();
  for (const m of repo.models.values()) {
    const service = repo.file(m.file)?.service ?? '';
    for (const f of m.functions) if (f.name) defined.set(`${service}:${f.name}`, (defined.get(`${service}:${f.name}`) ?? 0) + 1);
  }
  const memo = new Map<CodeModel, Set<number>>();
  const own = (model: CodeModel): Set<number> => {
    let s = memo.get(model);
    if (s) return s;
    s = new Set<number>();
    const service = repo.file(model.file)?.service ?? '';
    const stem = stemOf(model.file);
    const spans = ranges.get(model.file) ?? [];
    const middleware = new Set<string>();
    for (const c of model.calls) {
      if (c.name !== 'use' || !c.callee.includes('.')) continue;
      for (const a of c.args) {
        if (a.kind === 'function' && a.fn !== undefined) s.add(a.fn);
        else if (a.kind === 'name') middleware.add(a.text);
        // `app.use(rateLimit())`: the factory's closure is the middleware.
        else if (a.kind === 'call' && a.callee && /^[\w$]+$/.test(a.callee)) middleware.add(a.callee);
      }
    }
    model.functions.forEach((f, i) => {
      const inRoute = spans.some((r) => f.line >= r.from && f.endLine <= r.to);
      const hooked = model.language === 'python' && f.decorators.some((d) => PY_HOOK.test(d.kind === 'call' ? (d.callee ?? '') : d.text));
      const stems = f.name ? reached.get(f.name) : undefined;
      const byName = !!stems && (defined.get(`${service}:${f.name}`) === 1 || stems.has(stem));
      if (inRoute || hooked || middleware.has(f.name) || byName) s!.add(i);
    });
    memo.set(model, s);
    return s;
  };
  return {
    has(model, fn) {
      const set = own(model);
      for (let f = fn; f >= 0; f = model.functions[f].parent) if (set.has(f)) return true;
      return false;
    },
  };
}

/** `app/services/sessions.py` → `sessions`; `src/store/index.ts` → `store`. */
function stemOf(path: string): string {
  const parts = path.replace(/\.[^./]+$/, '').split('/');
  const last = parts.pop() ?? '';
  return last === 'index' || last === '__init__' ? (parts.pop() ?? last) : last;
}

/** Stems of the modules a file imports (and of the names it imports, for `from app.services import sessions`), plus its own. */
function importStems(model: CodeModel | undefined, file: string): Set<string> {
  const out = new Set<string>([stemOf(file)]);
  for (const i of model?.imports ?? []) {
    const segs = i.module.split(/[./]/).filter(Boolean);
    if (segs.length) out.add(segs[segs.length - 1]);
    for (const n of i.names) out.add(n);
  }
  return out;
}
