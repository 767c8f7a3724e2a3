/**
 * The code that runs once per request or once per task run: route handlers (from the routes fact) and
 * task bodies (Celery / Dramatiq task functions, BullMQ worker processors), as function references the
 * call graph (routes/reach.ts) can start from.
 */
import type { Evidence } from '../../core/evidence.js';
import type { Route, TaskDef } from '../fact-map.js';
import type { Program } from '../routes/program.js';
import type { FnRef } from '../routes/types.js';

export interface Entry {
  ref: FnRef;
  kind: 'route' | 'task';
  /** 'route POST /api/notes (handler create_note)', 'Celery task notes.summarize'. */
  label: string;
  /** The route registration or task declaration. */
  evidence: Evidence;
  route?: Route;
}

/** The function a route's handler names, found by its definition line. */
export function handlerRef(prog: Program, route: Route): FnRef | null {
  const h = route.handler;
  if (!h) return null;
  const fns = prog.model(h.file)?.functions ?? [];
  const name = h.name.slice(h.name.lastIndexOf('.') + 1);
  const fn = fns.findIndex((f) => f.line === h.line && f.name === name);
  return fn >= 0 ? { file: h.file, fn } : null;
}

/** One entry per handler function (a handler registered on several paths is examined once). */
export function routeEntries(prog: Program, routes: Route[]): Entry[] {
  const out = new Map<string, Entry>();
  for (const r of routes) {
    const ref = handlerRef(prog, r);
    if (!ref) continue;
    const key = `${ref.file}:${ref.fn}`;
    if (out.has(key)) continue;
    out.set(key, { ref, kind: 'route', label: `route ${r.method} ${r.path}${r.handler?.name ? ` (handler ${r.handler.name}())` : ''}`, evidence: r.evidence, route: r });
  }
  return [...out.values()];
}

/** Task bodies: the decorated Celery / Dramatiq function, or the processor a BullMQ `new Worker` runs. */
export function taskEntries(prog: Program, tasks: TaskDef[]): Entry[] {
  const out: Entry[] = [];
  for (const t of tasks) {
    const model = prog.model(t.evidence.file);
    if (!model) continue;
    if (t.framework === 'celery' || t.framework === 'dramatiq') {
      const fn = model.functions.findIndex((f) => f.decorators.some((d) => d.line === t.evidence.line));
      if (fn >= 0) out.push({ ref: { file: model.file, fn }, kind: 'task', label: `${t.framework === 'celery' ? 'Celery' : 'Dramatiq'} task ${t.name}`, evidence: t.evidence });
    } else if (t.framework === 'bullmq') {
      const call = model.calls.find((c) => c.isNew && c.line === t.evidence.line && /(^|\.)Worker$/.test(c.callee));
      const proc = call?.args[1];
      let ref: FnRef | null = null;
      if (proc?.kind === 'function' && proc.fn !== undefined) ref = { file: model.file, fn: proc.fn };
      else if (proc?.kind === 'name') {
        const sym = prog.resolveName(model.file, proc.text);
        if (sym?.kind === 'function') ref = { file: sym.file, fn: sym.fn };
      }
      if (ref) out.push({ ref, kind: 'task', label: `BullMQ worker ${t.name || 'processor'}`, evidence: t.evidence });
    }
  }
  return out;
}

/** `name` for a function, `Class.name` for a method. */
export function fnLabel(prog: Program, ref: FnRef): string {
  const f = prog.model(ref.file)?.functions[ref.fn];
  if (!f) return '';
  return f.className ? `${f.className}.${f.name}` : f.name;
}
