/**
 * Routes of every web framework, normalised into `Route` facts. The framework extractors
 * (python.ts, django.ts, express.ts, nest.ts, nextjs.ts) report registrations, objects, mounts and
 * middleware; this module joins router prefixes, inherits auth and rate limits down the mount chain
 * and from app-wide limiters, then analyses the code each route runs (reach.ts): LLM and HTTP calls,
 * what it touches (database, Redis, broker), and whether it returns an unbounded list.
 */
import type { Evidence } from '../../core/evidence.js';
import { llmCallAt } from '../calls/llm.js';
import type { CodeModel } from '../code/model.js';
import type { FactMap, Route } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { extractDjango } from './django.js';
import { extractExpressLike } from './express.js';
import { extractHealthLibraries } from './health-libs.js';
import { paginationOf, returnedList, unboundedQuery } from './lists.js';
import { joinPath } from './names.js';
import { extractNest } from './nest.js';
import { extractNext } from './nextjs.js';
import { programFor, type Program } from './program.js';
import { proxyRateLimits } from './proxy.js';
import { extractFastapiFlask, serviceOf } from './python.js';
import { callsOf, reach } from './reach.js';
import { httpClientOf, inlineLimit, touchOf, type Touch } from './touches.js';
import { emptyExtraction, type Extraction, type RawRoute } from './types.js';
import { serviceUses, type ServiceUses } from './uses.js';

const cache = new WeakMap<RepoContext, Extraction>();

/** Registrations, objects, mounts and limiters of every app file; computed once per run. */
export function extractRoutes(repo: RepoContext): Extraction {
  let ex = cache.get(repo);
  if (ex) return ex;
  const prog = programFor(repo);
  const app = [...repo.models.keys()].filter((p) => repo.file(p)?.role === 'app').sort();
  const py = app.filter((p) => repo.models.get(p)?.language === 'python');
  const js = app.filter((p) => repo.models.get(p)?.language !== 'python');
  ex = emptyExtraction();
  extractFastapiFlask(prog, py, ex);
  extractDjango(prog, py, ex);
  extractExpressLike(prog, js, ex);
  extractNest(prog, js, ex);
  extractNext(prog, js, ex);
  extractHealthLibraries(prog, js, ex);
  cache.set(repo, ex);
  return ex;
}

const under = (path: string, prefix: string) => {
  const p = joinPath(prefix);
  return p === '/' || path === p || path.startsWith(`${p}/`);
};

/** `use` middleware by the object it is registered on, and the first mount of each object: built once per run, asked per route. */
interface MountIndex {
  usesBy: Map<string, Extraction['uses']>;
  mountOf: Map<string, Extraction['mounts'][number]>;
}

function mountIndex(ex: Extraction): MountIndex {
  const usesBy = new Map<string, Extraction['uses']>();
  for (const u of ex.uses) {
    const list = usesBy.get(u.owner);
    if (list) list.push(u);
    else usesBy.set(u.owner, [u]);
  }
  const mountOf = new Map<string, Extraction['mounts'][number]>();
  for (const m of ex.mounts) if (!mountOf.has(m.child)) mountOf.set(m.child, m);
  return { usesBy, mountOf };
}

/** Full path and what the route inherits from its router, the routers it is mounted on, and their middleware. */
function inherit(ex: Extraction, ix: MountIndex, raw: RawRoute): { path: string; auth: Evidence | null; rateLimit: Evidence | null; reachedApp: boolean } {
  let path = raw.path;
  let auth: Evidence | null = null;
  let rateLimit: Evidence | null = null;
  let reachedApp = false;
  let key = raw.owner;
  let at = { file: raw.file, line: raw.line };
  const seen = new Set<string>();
  while (key && !seen.has(key) && seen.size < 8) {
    seen.add(key);
    const obj = ex.objects.get(key);
    if (!obj) break;
    const full = joinPath(path);
    for (const u of ix.usesBy.get(key) ?? []) {
      if (u.file === at.file && u.line > at.line) continue;
      if (u.path !== null && !under(full, u.path)) continue;
      auth ??= u.auth;
      rateLimit ??= u.rateLimit;
    }
    path = joinPath(obj.prefix, path);
    auth ??= obj.auth;
    rateLimit ??= obj.rateLimit;
    const m = ix.mountOf.get(key);
    if (!m) {
      reachedApp = obj.kind === 'app';
      break;
    }
    auth ??= m.auth;
    rateLimit ??= m.rateLimit;
    path = joinPath(m.prefix, path);
    key = m.parent;
    at = { file: m.file, line: m.line };
  }
  return { path: raw.owner ? path : joinPath(path), auth, rateLimit, reachedApp };
}

function handlerInfo(prog: Program, raw: RawRoute): Route['handler'] {
  if (raw.handler) {
    const f = prog.model(raw.handler.file)?.functions[raw.handler.fn];
    if (f) return { file: raw.handler.file, name: f.className ? `${f.className}.${f.name}` : f.name, line: f.line, endLine: f.endLine };
  }
  if (raw.viewClass) {
    const c = prog.model(raw.viewClass.file)?.classes[raw.viewClass.cls];
    if (c) return { file: raw.viewClass.file, name: c.name, line: c.line, endLine: c.endLine };
  }
  return null;
}

/**
 * Generic list views: DRF's (`queryset = Note.objects.all()` with no pagination class) and Django's own
 * `ListView` with no `paginate_by`. A repository base class named like a list view (`ObjectListView`)
 * paginates or not in code of its own, so it is not judged by its name.
 */
function drfClassList(prog: Program, raw: RawRoute): Evidence | null {
  if (!raw.viewClass || raw.handler) return null;
  const model = prog.model(raw.viewClass.file) as CodeModel;
  const cls = model.classes[raw.viewClass.cls];
  const djangoListView = cls.bases.some((b) => /^(generic\.)?ListView$/.test(b) && prog.resolveName(raw.viewClass!.file, b.split('.')[0])?.kind !== 'class');
  if (raw.drf ? !cls.bases.some((b) => /List|ModelViewSet|ReadOnlyModelViewSet/.test(b)) : !djangoListView) return null;
  if (!raw.drf && model.assignments.some((a) => a.scope === 'class' && a.className === cls.name && a.target === 'paginate_by' && a.value.kind !== 'none')) return null;
  const getQs = prog.method(raw.viewClass.file, cls.name, 'get_queryset');
  if (getQs >= 0) return returnedList(prog, { file: raw.viewClass.file, fn: getQs });
  const qs = model.assignments.find((a) => a.scope === 'class' && a.className === cls.name && a.target === 'queryset');
  if (qs?.value.kind !== 'call' || qs.value.call === undefined) return null;
  return unboundedQuery(prog, model, model.calls[qs.value.call]) ? prog.repo.ev(model.file, qs.line, { note: 'unbounded queryset' }) : null;
}

function drfClassPagination(prog: Program, raw: RawRoute): Evidence | null {
  if (!raw.viewClass) return null;
  const model = prog.model(raw.viewClass.file) as CodeModel;
  const cls = model.classes[raw.viewClass.cls];
  const pc = model.assignments.find((a) => a.scope === 'class' && a.className === cls.name && a.target === 'pagination_class');
  return pc && pc.value.kind !== 'none' ? prog.repo.ev(model.file, pc.line, { note: 'pagination_class' }) : null;
}

interface Signal {
  idx: number;
  ev: Evidence;
  llm: boolean;
  http: boolean;
  touch: Touch | null;
  limit: string | null;
}
const signalCache = new WeakMap<Program, Map<string, Signal[]>>();

/** The notable calls of one function (its closures included), classified once per run. */
function signalsOf(prog: Program, file: string, fn: number): Signal[] {
  let cache = signalCache.get(prog);
  if (!cache) signalCache.set(prog, (cache = new Map()));
  const key = `${file}:${fn}`;
  let out = cache.get(key);
  if (out) return out;
  out = [];
  const model = prog.model(file) as CodeModel;
  for (const { call, idx } of callsOf(model, fn)) {
    const llm = !!llmCallAt(prog, file, idx);
    const http = !!httpClientOf(prog, model, call);
    const touch = touchOf(prog, model, call);
    const limit = inlineLimit(prog, model, call);
    if (llm || http || touch || limit) out.push({ idx, ev: prog.repo.ev(file, call.line, { endLine: call.endLine }), llm, http, touch, limit });
  }
  cache.set(key, out);
  return out;
}

export function collectRoutes(repo: RepoContext, facts: FactMap): Route[] {
  const prog = programFor(repo);
  const ex = extractRoutes(repo);
  const usesBySvc = new Map<string, ServiceUses>();
  const usesOf = (svc: string) => {
    let u = usesBySvc.get(svc);
    if (!u) usesBySvc.set(svc, (u = serviceUses(prog, svc, facts.dependencies)));
    return u;
  };
  const out: Route[] = [];
  const seen = new Set<string>();
  const mounts = mountIndex(ex);
  for (const raw of ex.routes) {
    const id = `${raw.file}:${raw.line}:${raw.method}:${raw.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const svc = serviceOf(prog, raw.file);
    const inh = inherit(ex, mounts, raw);
    let rateLimit = raw.rateLimit ?? inh.rateLimit;
    if (!rateLimit && !raw.rateLimitExempt) {
      rateLimit = ex.serviceLimits.find((s) => s.service === svc && (!s.drfOnly || raw.drf))?.evidence ?? null;
      // A router whose mount was not found: app-level `use(limiter)` of the service still applies.
      if (!rateLimit && !inh.reachedApp) {
        rateLimit = ex.uses.find((u) => u.rateLimit && u.path === null && ex.objects.get(u.owner)?.kind === 'app' && serviceOf(prog, u.file) === svc)?.rateLimit ?? null;
      }
      rateLimit ??= proxyRateLimits(repo)[0] ?? null;
    }
    let auth = raw.auth ?? inh.auth;
    if (!auth && !raw.publicRoute) auth = ex.serviceAuth.find((s) => s.service === svc && (!s.drfOnly || raw.drf))?.evidence ?? null;

    const roots = [...(raw.handler ? [raw.handler] : []), ...raw.entries];
    const reached = reach(prog, roots);
    const llmCalls: Evidence[] = [];
    const httpCalls: Evidence[] = [];
    const touches: Route['touches'] = { database: null, cache: null, broker: null };
    const evSeen = new Set<string>();
    for (const r of reached) {
      for (const s of signalsOf(prog, r.file, r.fn)) {
        const key = `${r.file}:${s.idx}`;
        if (evSeen.has(key)) continue;
        evSeen.add(key);
        if (s.llm) llmCalls.push(s.ev);
        if (s.http) httpCalls.push(s.ev);
        if (s.touch) touches[s.touch] ??= s.ev;
        if (s.limit && !rateLimit) rateLimit = repo.ev(s.ev.file, s.ev.line, { note: s.limit });
      }
    }
    const uses = usesOf(svc);
    if (!touches.broker && touches.cache && uses.broker && uses.brokerOnRedis) touches.broker = { ...touches.cache, note: 'Redis, which is also the task broker' };

    const listy = raw.method === 'GET' || raw.method === 'ANY';
    const returnsList = !listy ? null : raw.handler ? returnedList(prog, raw.handler) : drfClassList(prog, raw);
    let pagination = raw.handler ? paginationOf(prog, raw.handler) : null;
    for (const e of raw.entries) pagination ??= paginationOf(prog, e);
    if (raw.drf) pagination ??= drfClassPagination(prog, raw) ?? ex.drfPagination.find((p) => p.service === svc)?.evidence ?? null;

    const rootKeys = new Set(roots.map((r) => `${r.file}:${r.fn}`));
    const reaches = [...new Set(reached.filter((r) => !rootKeys.has(`${r.file}:${r.fn}`)).map((r) => prog.model(r.file)?.functions[r.fn]?.name ?? '').filter(Boolean))];
    out.push({
      framework: raw.framework,
      method: raw.method,
      path: inh.path,
      evidence: repo.ev(raw.file, raw.line),
      handler: handlerInfo(prog, raw),
      auth,
      rateLimit,
      llmCalls,
      httpCalls,
      returnsList,
      pagination,
      reaches,
      touches,
      uses: { database: uses.database, cache: uses.cache, broker: uses.broker },
      ...(raw.rendersOnly ? { rendersOnly: true } : {}),
    });
  }
  return out;
}
