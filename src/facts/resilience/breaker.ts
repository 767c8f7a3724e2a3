/**
 * Circuit breakers: which ones the code builds, and which functions they wrap.
 * Libraries: pybreaker, circuitbreaker, aiobreaker, purgatory (Python); opossum, cockatiel, brakes
 * (Node). A hand-written breaker counts only when its class is clearly named `*CircuitBreaker*`
 * (a class called `Guard` or `Resilience` may be anything).
 * A function is covered when
 *  - it (or a function enclosing it) carries a breaker decorator: one imported from a breaker
 *    package (`@circuit`), a breaker instance (`@db_breaker`, `@breaker`), or a decorator whose name
 *    says circuit/breaker (a wrapper we cannot open is never reported);
 *  - it is handed to a breaker: `breaker.call(fn, …)`, `breaker.call_async(fn)`,
 *    `new CircuitBreaker(fn)` (opossum), `breaker.fire()` of such a breaker, cockatiel
 *    `policy.execute(() => …)`, `new Brakes(fn)` — inline closures or functions passed by name;
 *  - or one of its callers is covered (one level up).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import type { Program } from '../routes/program.js';
import { callersOf, decoratorName, fnChain, importsAnyOf, packageName } from './scope.js';

export const BREAKER_PKGS = new Set(['pybreaker', 'circuitbreaker', 'aiobreaker', 'purgatory', 'opossum', 'cockatiel', 'brakes']);
const BREAKER_NAME = /circuit|breaker/i;
const HAND_WRITTEN = /CircuitBreaker/;
const WRAP_METHODS = new Set(['call', 'call_async', 'execute', 'exec', 'protect', 'wrap', 'fire']);

interface BreakerIndex {
  /** Where breakers are built or defined, for the pass evidence and messages. */
  found: Evidence[];
  /** Functions handed to a breaker, by file and index. */
  wrappedFns: Map<string, Evidence>;
  /** Function names handed to a breaker by name (`breaker.call(fetch_rates)`). */
  wrappedNames: Map<string, Evidence>;
}

const memo = new WeakMap<Program, BreakerIndex>();

function isBreakerCall(prog: Program, model: CodeModel, callee: string, importsBreaker = true): string {
  const pkg = importsBreaker ? packageName(prog, model.file, callee) : '';
  if (BREAKER_PKGS.has(pkg)) return pkg;
  const local = callee.replace(/^new\s+/, '').split('.').pop() ?? '';
  return HAND_WRITTEN.test(local) ? local : '';
}

export function breakerIndex(prog: Program, models: readonly CodeModel[]): BreakerIndex {
  const cached = memo.get(prog);
  if (cached) return cached;
  const out: BreakerIndex = { found: [], wrappedFns: new Map(), wrappedNames: new Map() };
  for (const m of models) {
    const ev = (line: number, note: string) => prog.repo.ev(m.file, line, { note });
    // Only a file importing a breaker package can call one: resolving every call's package is the cost.
    const importsBreaker = importsAnyOf(m, BREAKER_PKGS);
    for (const c of m.classes) if (HAND_WRITTEN.test(c.name)) out.found.push(ev(c.line, `circuit breaker class ${c.name}`));
    // Names bound to a breaker in this file (`breaker = pybreaker.CircuitBreaker(...)`, `this.breaker = new CircuitBreaker(fn)`).
    const breakerNames = new Set<string>();
    for (const a of m.assignments) {
      if (a.value.kind !== 'call' || !a.value.callee) continue;
      const lib = isBreakerCall(prog, m, a.value.callee, importsBreaker);
      if (lib) breakerNames.add(a.target);
    }
    m.calls.forEach((c) => {
      const lib = isBreakerCall(prog, m, c.callee, importsBreaker);
      if (lib && (c.isNew || /CircuitBreaker|circuitBreaker|circuit|Brakes|Factory/.test(c.name))) out.found.push(ev(c.line, `circuit breaker (${lib})`));
      const recv = c.callee.includes('.') ? c.callee.slice(0, c.callee.lastIndexOf('.')) : '';
      const wraps = (lib && c.isNew) || (WRAP_METHODS.has(c.name) && recv && (breakerNames.has(recv) || BREAKER_NAME.test(recv)));
      if (!wraps) return;
      for (const a of c.args) mark(out, m, a, ev(c.line, lib ? `wrapped by a circuit breaker (${lib})` : `wrapped by ${c.callee}()`));
    });
  }
  memo.set(prog, out);
  return out;
}

function mark(out: BreakerIndex, m: CodeModel, a: Value, ev: Evidence): void {
  if (a.kind === 'function' && a.fn !== undefined) out.wrappedFns.set(`${m.file}:${a.fn}`, ev);
  else if (a.kind === 'name' || a.kind === 'attr') out.wrappedNames.set(a.text.replace(/\.bind$/, '').split('.').pop() ?? a.text, ev);
  else if (a.kind === 'call' && a.callee?.endsWith('.bind')) out.wrappedNames.set(a.callee.slice(0, -5).split('.').pop() ?? '', ev);
}

/** Evidence that function `fn` runs behind a circuit breaker (itself, an enclosing function, or a caller). */
export function breakerAround(prog: Program, models: readonly CodeModel[], model: CodeModel, fn: number, depth = 0): Evidence | null {
  const idx = breakerIndex(prog, models);
  for (const f of fnChain(model, fn)) {
    const def = model.functions[f];
    for (const d of def.decorators) {
      const name = decoratorName(d);
      const pkg = packageName(prog, model.file, name);
      if (BREAKER_PKGS.has(pkg) || BREAKER_NAME.test(name)) return prog.repo.ev(model.file, d.line, { note: `circuit breaker decorator ${name}` });
      const bound = model.assignments.find((a) => a.target === name && a.value.kind === 'call' && a.value.callee && isBreakerCall(prog, model, a.value.callee));
      if (bound) return prog.repo.ev(model.file, d.line, { note: `circuit breaker decorator ${name}` });
    }
    const byFn = idx.wrappedFns.get(`${model.file}:${f}`);
    if (byFn) return byFn;
    const byName = def.name ? idx.wrappedNames.get(def.name) : undefined;
    if (byName) return byName;
  }
  if (depth === 0 && fn >= 0) {
    for (const f of fnChain(model, fn)) {
      for (const caller of callersOf(prog, models, model.file, f)) {
        const up = breakerAround(prog, models, caller.model, caller.call.fn, 1);
        if (up) return { ...up, note: `the caller runs behind a circuit breaker (${up.note ?? ''})` };
      }
    }
  }
  return null;
}
