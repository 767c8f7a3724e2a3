/**
 * Whether a function's code runs under a retry policy. Credited (Python):
 *  - a decorator from tenacity / backoff / stamina / retrying / retry (`@retry(...)`,
 *    `@backoff.on_exception(...)`), or any decorator named like a retry (`@with_retries`: a wrapper
 *    we cannot open is never reported);
 *  - a call in the function to one of those packages (`for attempt in Retrying(...)`,
 *    `AsyncRetrying`, `stamina.retry_context`);
 *  - a Celery task that retries: `autoretry_for=` on its decorator, or `self.retry(...)` in its body.
 * Credited (JS/TS): the function (or a closure around the call) is passed to p-retry / async-retry /
 * retry / exponential-backoff / promise-retry, or to any local helper named like a retry; a BullMQ
 * processor (`new Worker(name, fn)`) when the service's queues give jobs `attempts` > 1.
 * The same question is asked of the callers, one level up (a retried caller retries the call).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { Program } from '../routes/program.js';
import { callsIn } from '../code/lookup.js';
import { callersOf, decoratorName, fnChain, packageName } from './scope.js';

const PY_RETRY_PKGS = new Set(['tenacity', 'backoff', 'stamina', 'retrying', 'retry', 'retry2', 'opnieuw']);
const JS_RETRY_PKGS = new Set(['p-retry', 'async-retry', 'retry', 'exponential-backoff', 'promise-retry', 'ts-retry-promise', 'async']);
const RETRY_NAME = /retr(y|ies|ying)|backoff/i;
/** Names of a loop variable or parameter that counts attempts. */
const ATTEMPT_NAME = /^_?(attempts?|retr(y|ies)|tries|max_?(retries|attempts|tries)|n_?(retries|attempts)|retry_?count|remaining_?(retries|attempts))$/i;
export const SELF_RETRY = 'Celery self.retry()';
const CELERY_TASK = /(^|\.)(task|shared_task)$/;

const memo = new WeakMap<Program, Map<string, Evidence | null>>();

/** Evidence that function `fn` of `model` (or a function enclosing it) retries its body; null when nothing does. */
export function retryOf(prog: Program, model: CodeModel, fn: number): Evidence | null {
  let m = memo.get(prog);
  if (!m) memo.set(prog, (m = new Map()));
  const key = `${model.file}:${fn}`;
  if (m.has(key)) return m.get(key)!;
  m.set(key, null); // recursion guard
  const out = own(prog, model, fn);
  m.set(key, out);
  return out;
}

function own(prog: Program, model: CodeModel, fn: number): Evidence | null {
  const ev = (line: number, note: string) => prog.repo.ev(model.file, line, { note });
  const py = model.language === 'python';
  for (const f of fnChain(model, fn)) {
    const def = model.functions[f];
    // Hand-written retries: a parameter counting attempts (`def get(url, retries=3)`, recursion).
    const param = def.params.find((p) => ATTEMPT_NAME.test(p.name));
    if (param) return ev(def.line, `retry parameter ${param.name}`);
    for (const d of def.decorators) {
      const name = decoratorName(d);
      const pkg = packageName(prog, model.file, name);
      if (py && PY_RETRY_PKGS.has(pkg)) return ev(d.line, `retried by ${pkg}`);
      if (RETRY_NAME.test(name)) return ev(d.line, `retry decorator ${name}`);
      if (py && /(^|\.)actor$/.test(name) && packageName(prog, model.file, name) === 'dramatiq') return ev(d.line, 'Dramatiq retries failed messages by default');
      if (CELERY_TASK.test(name) && d.kind === 'call' && d.call !== undefined) {
        const k = model.calls[d.call].kwargs;
        if (k.autoretry_for) return ev(k.autoretry_for.line, 'Celery autoretry_for');
      }
    }
    for (const { call: c } of callsIn(model, f)) {
      if (py) {
        const pkg = packageName(prog, model.file, c.callee);
        if (PY_RETRY_PKGS.has(pkg) && /Retrying|retry/i.test(c.name)) return ev(c.line, `${pkg}.${c.name}`);
        if (c.callee === 'self.retry' && def.decorators.some((d) => CELERY_TASK.test(decoratorName(d)))) return ev(c.line, SELF_RETRY);
      }
    }
  }
  if (!py) {
    const chain = new Set(fnChain(model, fn));
    const names = new Set([...chain].map((f) => model.functions[f].name).filter(Boolean));
    for (const c of model.calls) {
      const pkg = packageName(prog, model.file, c.callee);
      if (!JS_RETRY_PKGS.has(pkg) && !RETRY_NAME.test(c.callee)) continue;
      if (pkg === 'async' && !/retry/i.test(c.name)) continue;
      if (c.args.some((a) => passes(a, chain, names))) return ev(c.line, pkg ? `retried by ${pkg}` : `retry wrapper ${c.callee}`);
    }
    // A BullMQ processor: the job is retried when the service's queues give jobs several attempts.
    for (const c of model.calls) {
      if (!c.isNew || c.name !== 'Worker' || packageName(prog, model.file, c.callee) !== 'bullmq') continue;
      if (!c.args.some((a) => passes(a, chain, names))) continue;
      const attempts = bullAttempts(prog, prog.repo.file(model.file)?.service ?? '');
      if (attempts) return attempts;
    }
  }
  return null;
}

const attemptsMemo = new WeakMap<Program, Map<string, Evidence | null>>();

/** `attempts: n` (n > 1) on a BullMQ queue's defaultJobOptions or on an `add()` in the service. */
function bullAttempts(prog: Program, service: string): Evidence | null {
  let m = attemptsMemo.get(prog);
  if (!m) attemptsMemo.set(prog, (m = new Map()));
  if (m.has(service)) return m.get(service)!;
  let out: Evidence | null = null;
  const find = (v: Value | undefined, depth: number): Value | undefined => {
    if (!v || v.kind !== 'dict' || depth > 2) return undefined;
    for (const e of v.entries ?? []) {
      if (e.key === 'attempts' && e.value.kind === 'number' && Number(e.value.value) > 1) return e.value;
      const inner = find(e.value, depth + 1);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const model of prog.repo.models.values()) {
    if (out || model.language === 'python' || prog.repo.file(model.file)?.service !== service) continue;
    for (const c of model.calls) {
      if (!/^(Queue|add|addBulk)$/.test(c.name)) continue;
      const hit = c.args.map((a) => find(a, 0)).find(Boolean);
      if (hit) {
        out = prog.repo.ev(model.file, hit.line, { note: `BullMQ retries failed jobs (attempts: ${hit.text})` });
        break;
      }
    }
  }
  m.set(service, out);
  return out;
}

/** The argument is one of the chain's functions: an inline closure, or a function passed by name. */
function passes(a: Value, chain: Set<number>, names: Set<string>): boolean {
  if (a.kind === 'function' && a.fn !== undefined) return chain.has(a.fn);
  if (a.kind === 'name') return names.has(a.text);
  if (a.kind === 'attr') return names.has(a.text.split('.').pop() ?? '');
  return false;
}

/**
 * A hand-written retry loop around the call: the call runs in a `for`/`while` loop whose variable
 * counts attempts (`for attempt in range(3)`, `for (let attempt = 0; …)`), or in a `while` loop of a
 * function that catches errors (`while True: try: … except: sleep(…)`).
 */
export function retryLoop(prog: Program, model: CodeModel, call: CallSite): Evidence | null {
  for (let l = call.loop; l !== undefined && l >= 0; ) {
    const loop = model.loops?.[l];
    if (!loop) break;
    const counts = ATTEMPT_NAME.test(loop.target.replace(/^(const|let|var)\s+/, '').split(/[\s=]/)[0] ?? '') || /attempt|retr(y|ies)|tries/i.test(loop.iter?.text ?? '');
    const repeats = loop.kind === 'while' || (loop.kind === 'for' && (!loop.iter || /^range\(\s*\d+\s*\)$/.test(loop.iter.text)));
    const catches = repeats && model.handlers.some((h) => h.line >= loop.line && h.endLine <= loop.endLine);
    if ((loop.kind === 'for' || loop.kind === 'while') && (counts || catches)) return prog.repo.ev(model.file, loop.line, { note: 'hand-written retry loop' });
    // The enclosing loop, if any: the innermost loop that contains this one.
    let outer: number | undefined;
    for (let k = l - 1; k >= 0; k--) if (model.loops?.[k].start <= loop.start && model.loops?.[k].end >= loop.end) { outer = k; break; }
    l = outer;
  }
  return null;
}

const MAX_UP = 2;

/** retryOf for the function, or else for its callers, up to two levels. */
export function retryAround(prog: Program, models: readonly CodeModel[], model: CodeModel, fn: number, depth = 0): Evidence | null {
  const direct = retryOf(prog, model, fn);
  if (direct || fn < 0 || depth >= MAX_UP) return direct;
  for (const f of fnChain(model, fn)) {
    for (const caller of callersOf(prog, models, model.file, f)) {
      const up = retryLoop(prog, caller.model, caller.call) ?? retryAround(prog, models, caller.model, caller.call.fn, depth + 1);
      // `self.retry()` sits in the except block: a call made inside that block is not retried.
      if (up && up.note === SELF_RETRY && caller.call.handler !== undefined) continue;
      if (up) return { ...up, note: up.note?.startsWith('the caller') ? up.note : `the caller is retried (${up.note ?? ''})` };
    }
  }
  return null;
}
