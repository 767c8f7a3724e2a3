/**
 * Lookups into one CodeModel, each built on first use and kept for the model's lifetime (WeakMap),
 * so extractors ask "the calls of function f", "the assignments to x" without scanning every call or
 * assignment of the file each time (those scans, repeated per route, call and receiver, were
 * quadratic in file size). Lists keep the model's order, so `find`, `filter` and `pop` on them give
 * what the same operation on the whole array gives after filtering.
 */
import type { Assignment, CallSite, CodeModel, ReturnStmt } from './model.js';

export interface IndexedCall {
  call: CallSite;
  idx: number;
}

interface Lookup {
  callsIn?: Map<number, IndexedCall[]>;
  assignmentsIn?: Map<number, Assignment[]>;
  assignmentsTo?: Map<string, Assignment[]>;
  assignmentsWithin?: Map<number, Assignment[]>;
  returnsIn?: Map<number, ReturnStmt[]>;
  fnByParentName?: Map<number, Map<string, number>>;
  methods?: Map<string, Map<string, number>>;
  classByName?: Map<string, number>;
}

const lookups = new WeakMap<CodeModel, Lookup>();

function lookupOf(model: CodeModel): Lookup {
  let l = lookups.get(model);
  if (!l) lookups.set(model, (l = {}));
  return l;
}

function group<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

const NONE: never[] = [];

/** Calls whose innermost enclosing function is `fn` (-1: module level), with their index in `model.calls`. */
export function callsIn(model: CodeModel, fn: number): readonly IndexedCall[] {
  const l = lookupOf(model);
  l.callsIn ??= group(
    model.calls.map((call, idx) => ({ call, idx })),
    (c) => c.call.fn,
  );
  return l.callsIn.get(fn) ?? NONE;
}

/** Assignments made directly in function `fn` (-1: module and class level). */
export function assignmentsIn(model: CodeModel, fn: number): readonly Assignment[] {
  const l = lookupOf(model);
  l.assignmentsIn ??= group(model.assignments, (a) => a.fn);
  return l.assignmentsIn.get(fn) ?? NONE;
}

/** Assignments whose target is exactly `target`. */
export function assignmentsTo(model: CodeModel, target: string): readonly Assignment[] {
  const l = lookupOf(model);
  l.assignmentsTo ??= group(model.assignments, (a) => a.target);
  return l.assignmentsTo.get(target) ?? NONE;
}

/** Assignments in function `fn` or in functions nested in it (module-level ones are in none). */
export function assignmentsWithin(model: CodeModel, fn: number): readonly Assignment[] {
  const l = lookupOf(model);
  if (!l.assignmentsWithin) {
    const byFn = (l.assignmentsWithin = new Map<number, Assignment[]>());
    for (const a of model.assignments) {
      for (let f = a.fn; f >= 0; f = model.functions[f].parent) {
        const list = byFn.get(f);
        if (list) list.push(a);
        else byFn.set(f, [a]);
      }
    }
  }
  return l.assignmentsWithin.get(fn) ?? NONE;
}

/** Return statements directly in function `fn`. */
export function returnsIn(model: CodeModel, fn: number): readonly ReturnStmt[] {
  const l = lookupOf(model);
  l.returnsIn ??= group(model.returns, (r) => r.fn);
  return l.returnsIn.get(fn) ?? NONE;
}

/** The first function named `name` whose parent is `parent` (-1: top level and methods of top-level classes), or -1. */
export function functionIn(model: CodeModel, parent: number, name: string): number {
  const l = lookupOf(model);
  if (!l.fnByParentName) {
    l.fnByParentName = new Map();
    model.functions.forEach((f, i) => {
      let byName = l.fnByParentName!.get(f.parent);
      if (!byName) l.fnByParentName!.set(f.parent, (byName = new Map()));
      if (!byName.has(f.name)) byName.set(f.name, i);
    });
  }
  return l.fnByParentName.get(parent)?.get(name) ?? -1;
}

/** The first function named `name` whose className is `className`, or -1. */
export function methodIndex(model: CodeModel, className: string | undefined, name: string): number {
  const l = lookupOf(model);
  if (!l.methods) {
    l.methods = new Map();
    model.functions.forEach((f, i) => {
      const cls = f.className ?? '\0';
      let byName = l.methods!.get(cls);
      if (!byName) l.methods!.set(cls, (byName = new Map()));
      if (!byName.has(f.name)) byName.set(f.name, i);
    });
  }
  return l.methods.get(className ?? '\0')?.get(name) ?? -1;
}

/** The first class named `name`, or -1. */
export function classIndex(model: CodeModel, name: string): number {
  const l = lookupOf(model);
  if (!l.classByName) {
    l.classByName = new Map();
    model.classes.forEach((c, i) => {
      if (!l.classByName!.has(c.name)) l.classByName!.set(c.name, i);
    });
  }
  return l.classByName.get(name) ?? -1;
}

/** The function `fn` and every function enclosing it, innermost first. */
export function fnChain(model: CodeModel, fn: number): number[] {
  const out: number[] = [];
  for (let f = fn; f >= 0; f = model.functions[f].parent) out.push(f);
  return out;
}
