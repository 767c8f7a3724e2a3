/**
 * The code a route runs: its handler, the functions the handler calls (resolved by name in the same
 * file and through imports, methods through `self`/`this`, injected services and module objects), and
 * theirs, breadth-first to a bounded depth. Each function is visited once, so recursion ends.
 */
import { classIndex, functionIn } from '../code/lookup.js';
import type { CallSite, CodeModel } from '../code/model.js';
import type { Program } from './program.js';
import { originOf } from './receivers.js';
import type { FnRef } from './types.js';

export const MAX_DEPTH = 4;

export interface Reached extends FnRef {
  depth: number;
  /** The call that led here (absent for the roots). */
  via?: { file: string; line: number };
}

/** True when function `inner` is `outer` or nested inside it. */
export function within(model: CodeModel, inner: number, outer: number): boolean {
  for (let f = inner; f >= 0; f = model.functions[f].parent) if (f === outer) return true;
  return false;
}

const callIndex = new WeakMap<CodeModel, Map<number, { call: CallSite; idx: number }[]>>();

/** Calls made by a function, its closures included (callbacks, `.then` handlers, inner helpers). */
export function callsOf(model: CodeModel, fn: number): { call: CallSite; idx: number }[] {
  let byFn = callIndex.get(model);
  if (!byFn) {
    // One pass per file: each call is listed under its function and every enclosing one.
    byFn = new Map();
    model.calls.forEach((call, idx) => {
      for (let f = call.fn; f >= 0; f = model.functions[f].parent) {
        let list = byFn!.get(f);
        if (!list) byFn!.set(f, (list = []));
        list.push({ call, idx });
      }
    });
    callIndex.set(model, byFn);
  }
  return byFn.get(fn) ?? [];
}

function classOf(model: CodeModel, fn: number): string | undefined {
  for (let f = fn; f >= 0; f = model.functions[f].parent) if (model.functions[f].className) return model.functions[f].className;
  return undefined;
}

/** A method of a class named by an origin (annotation `NotesService`, value `NotesService(db)`). */
function methodOfClassNamed(prog: Program, file: string, typeText: string, method: string): FnRef | null {
  const name = typeText.replace(/^new\s+/, '').replace(/[<[(].*$/s, '').trim();
  if (!/^[\w$]+(\.[\w$]+)?$/.test(name)) return null;
  const parts = name.split('.');
  let sym = prog.resolveName(file, parts[0]);
  if (parts.length === 2 && sym?.kind === 'module') sym = prog.resolveName(sym.file, parts[1]);
  if (sym?.kind !== 'class') return null;
  return methodIn(prog, sym.file, sym.cls, method, 0);
}

/**
 * `form.is_valid()` on a Django form built from a repository class runs its `clean_<field>()` and
 * `clean()` methods (Django calls them; the code never does): those are what the call reaches.
 */
function formCleaners(prog: Program, model: CodeModel, call: CallSite): FnRef[] {
  if (!/\.(is_valid|full_clean)$/.test(call.callee)) return [];
  const recv = call.callee.slice(0, call.callee.lastIndexOf('.'));
  const o = /^[\w$]+$/.test(recv) ? originOf(prog, model.file, call.fn, recv) : undefined;
  const typeText = o?.value?.kind === 'call' ? (o.value.callee ?? '') : '';
  const name = typeText.replace(/[<[(].*$/s, '').trim();
  if (!o || !/^[\w$]+(\.[\w$]+)?$/.test(name)) return [];
  const parts = name.split('.');
  let sym = prog.resolveName(o.file, parts[0]);
  if (parts.length === 2 && sym?.kind === 'module') sym = prog.resolveName(sym.file, parts[1]);
  if (sym?.kind !== 'class') return [];
  const cls = prog.model(sym.file)?.classes[sym.cls];
  const fileOfClass = sym.file;
  return (prog.model(fileOfClass)?.functions ?? []).flatMap((f, fn) => (f.className === cls?.name && /^clean(_\w+)?$/.test(f.name) ? [{ file: fileOfClass, fn }] : []));
}

function methodIn(prog: Program, file: string, cls: number, method: string, depth: number): FnRef | null {
  const c = prog.model(file)?.classes[cls];
  if (!c) return null;
  const idx = prog.method(file, c.name, method);
  if (idx >= 0) return { file, fn: idx };
  if (depth > 2) return null;
  for (const b of c.bases) {
    const sym = prog.resolveName(file, b.replace(/[<[(].*$/s, ''));
    if (sym?.kind === 'class') {
      const hit = methodIn(prog, sym.file, sym.cls, method, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

const resolved = new WeakMap<Program, Map<CallSite, FnRef | null>>();

/**
 * The function definition a call runs, when it can be told from the code. Answered once per call and
 * run: route reach, list tracing and the LLM extractors ask about the same calls many times.
 */
export function resolveCall(prog: Program, model: CodeModel, call: CallSite): FnRef | null {
  let cache = resolved.get(prog);
  if (!cache) resolved.set(prog, (cache = new Map()));
  let out = cache.get(call);
  if (out === undefined) {
    out = resolveCallUncached(prog, model, call);
    cache.set(call, out);
  }
  return out;
}

function resolveCallUncached(prog: Program, model: CodeModel, call: CallSite): FnRef | null {
  const file = model.file;
  const callee = call.callee.replace(/^await\s+/, '');
  if (/^[\w$]+$/.test(callee)) {
    // A helper nested in an enclosing function, then module level and imports.
    for (let f = call.fn; f >= 0; f = model.functions[f].parent) {
      const idx = functionIn(model, f, callee);
      if (idx >= 0) return { file, fn: idx };
    }
    const sym = prog.resolveName(file, callee);
    if (sym?.kind === 'function') return { file: sym.file, fn: sym.fn };
    return null;
  }
  const dot = callee.lastIndexOf('.');
  const recv = callee.slice(0, dot);
  const method = callee.slice(dot + 1);
  if (recv === 'self' || recv === 'this' || recv === 'cls') {
    const cls = classOf(model, call.fn);
    const ci = cls ? classIndex(model, cls) : -1;
    return ci >= 0 ? methodIn(prog, file, ci, method, 0) : null;
  }
  // `NoteService(db).list()`, `new NotesRepo(pool).all()`: a method of the class built in place.
  const built = /^(?:new\s+)?([\w$]+(?:\.[\w$]+)?)\(\)$/.exec(recv);
  if (built) return methodOfClassNamed(prog, file, built[1], method);
  if (!/^((self|this)\.)?[\w$]+$/.test(recv)) return null;
  // Module functions: `summarizer.summarize(...)`, `svc.notes.list` is out of reach.
  if (!recv.includes('.')) {
    const sym = prog.resolveName(file, recv);
    if (sym?.kind === 'module') {
      const fn = prog.topFunction(sym.file, method);
      if (fn >= 0) return { file: sym.file, fn };
    }
    if (sym?.kind === 'class') return methodIn(prog, sym.file, sym.cls, method, 0);
    if (sym?.kind === 'value' && sym.assignment.value.kind === 'dict') {
      const e = sym.assignment.value.entries?.find((x) => x.key === method);
      if (e?.value.kind === 'function' && e.value.fn !== undefined) return { file: sym.file, fn: e.value.fn };
      if (e?.value.kind === 'name') {
        const inner = prog.resolveName(sym.file, e.value.text);
        if (inner?.kind === 'function') return { file: inner.file, fn: inner.fn };
      }
    }
  }
  // Objects: `this.notesService.summarize()`, `service = NoteService(db); service.summarize()`.
  const o = originOf(prog, file, call.fn, recv);
  if (!o) return null;
  if (o.annotation) {
    const hit = methodOfClassNamed(prog, o.file, o.annotation, method);
    if (hit) return hit;
  }
  if (o.value?.kind === 'call' && o.value.callee) return methodOfClassNamed(prog, o.file, o.value.callee, method);
  return null;
}

const edgeCache = new WeakMap<Program, Map<string, { target: FnRef; line: number }[]>>();

/** The functions one function calls, resolved once per run (helpers are shared by many routes). */
function edgesOf(prog: Program, file: string, fn: number): { target: FnRef; line: number }[] {
  let cache = edgeCache.get(prog);
  if (!cache) edgeCache.set(prog, (cache = new Map()));
  const key = `${file}:${fn}`;
  let edges = cache.get(key);
  if (!edges) {
    edges = [];
    const model = prog.model(file);
    for (const { call } of model ? callsOf(model, fn) : []) {
      const target = resolveCall(prog, model as CodeModel, call);
      if (target) edges.push({ target, line: call.line });
      else for (const cleaner of formCleaners(prog, model as CodeModel, call)) edges.push({ target: cleaner, line: call.line });
    }
    cache.set(key, edges);
  }
  return edges;
}

/** Every function a route runs, the roots first; bounded by MAX_DEPTH, each visited once. */
export function reach(prog: Program, roots: FnRef[]): Reached[] {
  const seen = new Set<string>();
  const out: Reached[] = [];
  let frontier: Reached[] = roots.map((r) => ({ ...r, depth: 0 }));
  for (const r of frontier) seen.add(`${r.file}:${r.fn}`);
  out.push(...frontier);
  for (let depth = 1; depth <= MAX_DEPTH && frontier.length > 0; depth++) {
    const next: Reached[] = [];
    for (const r of frontier) {
      for (const { target, line } of edgesOf(prog, r.file, r.fn)) {
        const key = `${target.file}:${target.fn}`;
        if (seen.has(key)) continue;
        seen.add(key);
        next.push({ ...target, depth, via: { file: r.file, line } });
      }
    }
    out.push(...next);
    frontier = next;
  }
  return out;
}
