/**
 * LLM calls fanned out over a collection: every item starts a request at once.
 * Recognised fan-outs:
 *  - Python `asyncio.gather(*[f(x) for x in items])`, `gather(*(f(x) for …))`, `gather(*map(f, items))`,
 *    and `gather(*tasks)` where `tasks` is built in the same function (`tasks.append(f(x))` in a
 *    loop, `tasks = [create_task(f(x)) for x in items]`);
 *  - JS `Promise.all(items.map(x => f(x)))` / `Promise.allSettled`, directly or through a variable
 *    built by `.map` or by `.push(f(x))` in a loop.
 * A fan-out counts when the fanned call is an LLM call, or runs a function that makes one (directly
 * or one call further down). Fixed argument lists (`gather(a(), b())`) are bounded by the code.
 * A limit is credited when the gathering function's file or the fanned function's file uses a
 * semaphore / limiter (asyncio.Semaphore, BoundedSemaphore, anyio.CapacityLimiter, aiolimiter,
 * p-limit, p-map, p-queue, Bottleneck, async.mapLimit), or the items are batches or chunks.
 * File-level credit is deliberately generous: `async with sem:` leaves no call in the code model.
 */
import type { Evidence } from '../../core/evidence.js';
import { callsIn } from '../code/lookup.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, LlmFanout } from '../fact-map.js';
import { llmCallAt } from '../calls/llm.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { callsOf, resolveCall } from '../routes/reach.js';
import { appModels, packageName } from './scope.js';

const LIMIT_PKGS = new Set(['p-limit', 'p-map', 'p-queue', 'bottleneck', 'aiolimiter', 'asyncio-throttle', 'async', 'p-throttle']);
const LIMIT_CALL = /^(Semaphore|BoundedSemaphore|CapacityLimiter|AsyncLimiter|pLimit|mapLimit|eachLimit|Bottleneck|PQueue)$/;
const BATCHED = /batch|chunk|islice|\[[^\]]*:[^\]]*\]|\.slice\(/i;
const WRAPPERS = /^(create_task|ensure_future|to_thread|run_in_executor)$/;

export function collectLlmFanouts(repo: RepoContext, facts: FactMap): LlmFanout[] {
  if (facts.llmCalls.length === 0) return [];
  const prog = programFor(repo);
  const out: LlmFanout[] = [];
  for (const m of appModels(repo)) {
    const py = m.language === 'python';
    m.calls.forEach((c, i) => {
      const fanned = py ? pyFanned(prog, m, c, i) : jsFanned(m, c);
      if (!fanned) return;
      for (const f of fanned) {
        const llm = llmIn(prog, m, f);
        if (!llm) continue;
        out.push({
          evidence: repo.ev(m.file, c.line, { endLine: c.endLine }),
          llmCall: repo.ev(llm.file, llm.line),
          function: c.fn >= 0 ? m.functions[c.fn].name : '',
          family: py ? 'py' : 'node',
          limit: limitFor(prog, m, c, f, llm.file),
        });
        return;
      }
    });
  }
  return out;
}

/** Calls fanned out by a Python gather with a starred argument; null when `c` is not such a gather. */
function pyFanned(prog: Program, m: CodeModel, c: CallSite, idx: number): number[] | null {
  if (c.name !== 'gather' || packageName(prog, m.file, c.callee) !== 'asyncio') return null;
  const star = c.args.find((a) => a.text.startsWith('*') && !a.text.startsWith('**'));
  if (!star) return null;
  const inner = star.text.slice(1).trim();
  const sameFn = callsIn(m, c.fn);
  if (/^[\w.]+$/.test(inner)) {
    // `*tasks`: what the function put into `tasks`.
    const out: number[] = [];
    for (const { call, idx: j } of sameFn) {
      if (j === idx) continue;
      if ((call.callee === `${inner}.append` || call.callee === `${inner}.extend`) && call.args[0]?.kind === 'call' && call.args[0].call !== undefined) {
        if (call.loop !== undefined || call.callee.endsWith('.extend')) out.push(...unwrap(m, call.args[0].call));
      }
    }
    for (const a of m.assignments) {
      if (a.fn !== c.fn || a.target !== inner || a.line > c.line) continue;
      // `tasks = [f(x) for x in items]`, possibly over several lines: the comprehension starts on the assignment's line.
      for (const { call, idx: j } of sameFn) if (call.loop !== undefined && m.loops?.[call.loop]?.kind === 'comprehension' && m.loops?.[call.loop].line === a.line) out.push(j);
    }
    return out;
  }
  // `*[f(x) for x in items]`, `*(f(x) for …)`, `*map(f, items)`: calls inside the argument's span.
  const out: number[] = [];
  for (const { call, idx: j } of sameFn) {
    if (j <= idx || call.line < c.line || call.line > c.endLine) continue;
    if (call.loop !== undefined && m.loops?.[call.loop]?.kind === 'comprehension') out.push(j);
    if (call.callee === 'map' && call.args[0]?.kind !== undefined) out.push(j);
  }
  return out;
}

/** A wrapper call (`create_task(f(x))`) stands for the call it wraps. */
function unwrap(m: CodeModel, j: number): number[] {
  const c = m.calls[j];
  const a = c.args[0];
  if (WRAPPERS.test(c.name) && a?.kind === 'call' && a.call !== undefined) return [a.call];
  return [j];
}

/** Calls made per item by a `Promise.all` / `Promise.allSettled`; null when `c` is not one. */
function jsFanned(m: CodeModel, c: CallSite): number[] | null {
  if (c.callee !== 'Promise.all' && c.callee !== 'Promise.allSettled') return null;
  const a = c.args[0];
  if (!a) return null;
  const fromMap = (v: Value): number[] => {
    if (v.kind !== 'call' || v.call === undefined || !/\.(map|flatMap)$/.test(v.callee ?? '')) return [];
    const cb = m.calls[v.call].args[0];
    if (cb?.kind === 'function' && cb.fn !== undefined) return callsOf(m, cb.fn).map((x) => x.idx);
    return [];
  };
  if (a.kind === 'call') return fromMap(a);
  if (a.kind !== 'name') return [];
  const out: number[] = [];
  for (const asg of m.assignments) if (asg.target === a.text && asg.fn === c.fn && asg.line <= c.line) out.push(...fromMap(asg.value));
  for (const { call } of callsIn(m, c.fn)) {
    if (call.callee === `${a.text}.push` && call.loop !== undefined && call.args[0]?.kind === 'call' && call.args[0].call !== undefined) out.push(call.args[0].call);
  }
  return out;
}

interface At {
  file: string;
  line: number;
  /** The function that makes the LLM call. */
  fn: number;
}

/** The LLM call a fanned call makes: itself, in the function it runs, or one call further down. */
function llmIn(prog: Program, m: CodeModel, j: number): At | null {
  const c = m.calls[j];
  if (c.callee === 'map' && c.args[0]?.kind === 'name') {
    const sym = prog.resolveName(m.file, c.args[0].text);
    return sym?.kind === 'function' ? llmInFn(prog, sym.file, sym.fn, 1) : null;
  }
  if (llmCallAt(prog, m.file, j)) return { file: m.file, line: c.line, fn: c.fn };
  const t = resolveCall(prog, m, c);
  return t ? llmInFn(prog, t.file, t.fn, 1) : null;
}

function llmInFn(prog: Program, file: string, fn: number, depth: number): At | null {
  const m = prog.model(file);
  if (!m) return null;
  const calls = callsOf(m, fn);
  for (const { call, idx } of calls) if (llmCallAt(prog, file, idx)) return { file, line: call.line, fn: call.fn };
  if (depth <= 0) return null;
  for (const { call } of calls) {
    const t = resolveCall(prog, m, call);
    if (!t || (t.file === file && t.fn === fn)) continue;
    const hit = llmInFn(prog, t.file, t.fn, depth - 1);
    if (hit) return hit;
  }
  return null;
}

/** A concurrency bound: a limiter in the files involved, or batched items. */
function limitFor(prog: Program, m: CodeModel, c: CallSite, fanned: number, llmFile: string): Evidence | null {
  const iter = m.calls[fanned].loop !== undefined ? m.loops?.[m.calls[fanned].loop!]?.iter : undefined;
  // The items may be sliced where they are named: `allowed = calls[:limit]` then `for c in allowed`.
  const named = iter && iter.kind === 'name' ? m.assignments.filter((a) => a.target === iter.text && a.fn === c.fn).map((a) => a.value.text) : [];
  const text = `${c.args.map((a) => a.text).join(' ')} ${iter?.text ?? ''} ${named.join(' ')}`;
  if (BATCHED.test(text)) return prog.repo.ev(m.file, c.line, { note: 'the items are batched or capped (a slice)' });
  // `for p in [a, b, c]`, `[a, b].map(…)`: a fixed, written-out list bounds the fan-out.
  if (iter?.kind === 'list') return prog.repo.ev(m.file, c.line, { note: 'a fixed list of items' });
  const target = resolveCall(prog, m, m.calls[fanned]);
  for (const file of new Set([m.file, target?.file ?? m.file, llmFile])) {
    const fm = prog.model(file);
    if (!fm) continue;
    const lim = fm.calls.find((x) => LIMIT_CALL.test(x.name) || LIMIT_PKGS.has(packageName(prog, file, x.callee)));
    if (lim) return prog.repo.ev(file, lim.line, { note: `concurrency limit: ${lim.callee}` });
    const imp = fm.imports.find((i) => LIMIT_PKGS.has(i.module) || i.names.some((n) => /semaphore|CapacityLimiter|AsyncLimiter/i.test(n)));
    if (imp) return prog.repo.ev(file, imp.line, { note: `concurrency limit imported: ${imp.names.join(', ') || imp.module}` });
  }
  return null;
}
