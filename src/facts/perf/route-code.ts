/**
 * The code a route handler runs "directly or one level down": the handler's own calls (closures
 * included), then the calls of the functions those calls resolve to (same file, imports, methods
 * through self/this or injected services), resolved by the route extractor's call resolver.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { Route } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor } from '../routes/program.js';
import { callsOf, resolveCall } from '../routes/reach.js';

export interface RunCall {
  model: CodeModel;
  call: CallSite;
  /** 0: in the handler; 1: in a function the handler calls. */
  depth: number;
}

/** The handler's function(s): the function at the handler line, or a class view's methods. */
export function handlerFunctions(repo: RepoContext, route: Route): { model: CodeModel; fn: number }[] {
  const h = route.handler;
  const model = h ? repo.models.get(h.file) : undefined;
  if (!h || !model) return [];
  const direct = model.functions.findIndex((f) => f.line === h.line && f.endLine === h.endLine);
  if (direct >= 0) return [{ model, fn: direct }];
  // A class-based view: its top-level methods.
  return model.functions.flatMap((f, fn) => (f.parent < 0 && f.className && f.line > h.line && f.endLine <= h.endLine ? [{ model, fn }] : []));
}

export function routeCalls(repo: RepoContext, route: Route): RunCall[] {
  const prog = programFor(repo);
  const out: RunCall[] = [];
  const seen = new Set<string>();
  for (const root of handlerFunctions(repo, route)) {
    for (const { call } of callsOf(root.model, root.fn)) {
      out.push({ model: root.model, call, depth: 0 });
      const target = resolveCall(prog, root.model, call);
      if (!target) continue;
      const key = `${target.file}:${target.fn}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const tm = prog.model(target.file);
      if (tm && !(tm === root.model && target.fn === root.fn)) for (const c of callsOf(tm, target.fn)) out.push({ model: tm, call: c.call, depth: 1 });
    }
  }
  return out;
}
