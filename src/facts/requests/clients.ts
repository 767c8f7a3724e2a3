/**
 * Clients built per request or per task run (client-per-request). A creation counts when it runs in a
 * route handler or task body, or in a function one call away from it (a helper it calls, or a FastAPI
 * `Depends(...)` factory), and the client is used and dropped there. It does not count when the
 * function is cached (`@lru_cache`, `@cache`), or when the client is stored beyond the call: into a
 * module-level name (`global _client; _client = OpenAI()`), an attribute (`self._client`,
 * `app.state.http`) or a container. A SQLAlchemy engine built with `poolclass=NullPool` in a task is
 * the usual fix for event loops that change between task runs, not a per-task pool.
 */
import type { Evidence } from '../../core/evidence.js';
import { assignmentsIn, assignmentsTo } from '../code/lookup.js';
import type { CallSite, CodeModel, FunctionDef } from '../code/model.js';
import type { FactMap, PerRequestClient, RequestClients } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { callsOf, resolveCall, within } from '../routes/reach.js';
import type { FnRef } from '../routes/types.js';
import { clientCreated } from './client-kinds.js';
import { fnLabel, routeEntries, taskEntries, type Entry } from './entries.js';

const CACHE_DECORATOR = /(^|\.)(lru_cache|cache|cached|alru_cache|cached_property|memoize|memoized|singleton)$/;

export function isCached(fn: FunctionDef): boolean {
  return fn.decorators.some((d) => CACHE_DECORATOR.test(d.kind === 'call' ? (d.callee ?? '') : d.text));
}

/** The created client outlives the call: stored in a module name, an attribute, a container, or returned into one. */
function storedBeyondCall(prog: Program, model: CodeModel, call: CallSite, idx: number): boolean {
  const own = assignmentsIn(model, call.fn).filter((a) => a.value.call === idx || (a.line === call.line && a.value.kind !== 'call'));
  for (const a of own) {
    if (/[.[]/.test(a.target)) return true;
    if (assignmentsTo(model, a.target).some((x) => x.scope === 'module')) return true;
    // JS: `client = new OpenAI()` with no declaration keyword assigns an outer (module) variable.
    if (model.language !== 'python' && !a.declared) return true;
    // `client = OpenAI(); _clients[key] = client` / `self.client = client`.
    if (assignmentsIn(model, call.fn).some((b) => b.value.kind === 'name' && b.value.text === a.target && /[.[]/.test(b.target))) return true;
  }
  return false;
}

/** NullPool engines: no pool to throw away. */
function unpooled(call: CallSite): boolean {
  return /NullPool/.test(call.kwargs.poolclass?.text ?? '');
}

interface Site {
  what: string;
  ev: Evidence;
  helper?: string;
  via?: Evidence;
  dependency?: boolean;
}

/** Clients a function (its closures included) creates and drops. */
function createdIn(prog: Program, ref: FnRef, kind: Entry['kind']): { what: string; call: CallSite }[] {
  const model = prog.model(ref.file);
  const fn = model?.functions[ref.fn];
  if (!model || !fn || isCached(fn)) return [];
  const out: { what: string; call: CallSite }[] = [];
  for (const { call, idx } of callsOf(model, ref.fn)) {
    const hit = clientCreated(prog, model, call);
    if (!hit || storedBeyondCall(prog, model, call, idx)) continue;
    if (kind === 'task' && hit.what === 'database engine' && unpooled(call)) continue;
    out.push({ what: hit.ctor, call });
  }
  return out;
}

/** `Depends(get_client)` factories in a FastAPI handler's signature. */
function dependencyRefs(prog: Program, ref: FnRef): { target: FnRef; line: number }[] {
  const model = prog.model(ref.file);
  const out: { target: FnRef; line: number }[] = [];
  for (const p of model?.functions[ref.fn]?.params ?? []) {
    const d = p.default;
    if (d?.kind !== 'call' || !/(^|\.)Depends$/.test(d.callee ?? '') || d.call === undefined) continue;
    const arg = model?.calls[d.call]?.args[0];
    if (arg?.kind !== 'name') continue;
    const sym = prog.resolveName(ref.file, arg.text);
    if (sym?.kind === 'function') out.push({ target: { file: sym.file, fn: sym.fn }, line: d.line });
  }
  return out;
}

function sitesOf(prog: Program, e: Entry): Site[] {
  const repo = prog.repo;
  const out: Site[] = [];
  for (const c of createdIn(prog, e.ref, e.kind)) out.push({ what: c.what, ev: repo.ev(e.ref.file, c.call.line, { endLine: c.call.endLine }) });
  const model = prog.model(e.ref.file) as CodeModel;
  const helpers: { target: FnRef; line: number; dep?: boolean }[] = [...dependencyRefs(prog, e.ref).map((d) => ({ ...d, dep: true }))];
  for (const { call } of callsOf(model, e.ref.fn)) {
    const target = resolveCall(prog, model, call);
    // Closures of the entry were already read with it.
    if (target && !(target.file === e.ref.file && within(model, target.fn, e.ref.fn))) helpers.push({ target, line: call.line });
  }
  const seen = new Set<string>();
  for (const h of helpers) {
    const key = `${h.target.file}:${h.target.fn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = fnLabel(prog, h.target);
    for (const c of createdIn(prog, h.target, e.kind)) {
      out.push({
        what: c.what,
        ev: repo.ev(h.target.file, c.call.line, { endLine: c.call.endLine }),
        helper: name,
        ...(h.dep ? { dependency: true } : {}),
        via: repo.ev(e.ref.file, h.line, { note: h.dep ? `Depends(${name})` : `calls ${name}()` }),
      });
    }
  }
  return out;
}

/** Clients created at module level or in cached factories: built once per process. */
function sharedClients(prog: Program, repo: RepoContext): Evidence[] {
  const out: Evidence[] = [];
  for (const model of repo.models.values()) {
    if (repo.file(model.file)?.role !== 'app') continue;
    model.calls.forEach((call) => {
      if (out.length >= 5) return;
      const once = call.fn < 0 || isCached(model.functions[call.fn]);
      if (!once) return;
      const hit = clientCreated(prog, model, call);
      if (hit) out.push(repo.ev(model.file, call.line, { endLine: call.endLine, note: `${hit.ctor} created once per process` }));
    });
  }
  return out;
}

export function collectRequestClients(repo: RepoContext, facts: FactMap): RequestClients {
  const prog = programFor(repo);
  const entries = [...routeEntries(prog, facts.routes), ...taskEntries(prog, facts.tasks)];
  const bySite = new Map<string, { p: PerRequestClient; others: number }>();
  for (const e of entries) {
    for (const s of sitesOf(prog, e)) {
      const key = `${s.ev.file}:${s.ev.line}:${s.what}`;
      const prior = bySite.get(key);
      if (prior) {
        prior.others++;
        continue;
      }
      bySite.set(key, { p: { what: s.what, evidence: s.ev, entry: e.label, kind: e.kind, ...(s.helper ? { helper: s.helper, via: s.via } : {}), ...(s.dependency ? { dependency: true } : {}) }, others: 0 });
    }
  }
  const perRequest = [...bySite.values()].map(({ p, others }) => (others > 0 ? { ...p, entry: `${p.entry} and ${others} more` } : p));
  return { perRequest, shared: perRequest.length === 0 ? sharedClients(prog, repo) : [], entries: entries.length };
}
