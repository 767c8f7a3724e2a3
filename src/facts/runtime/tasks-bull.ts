/**
 * Node job queues and whether each job is time-bounded.
 * - BullMQ has no job timeout option: a `new Worker(queue, processor)` is bounded only if its
 *   processor bounds itself (AbortSignal.timeout, an AbortController fired by a timer, Promise.race
 *   with a timer, p-timeout, a `withTimeout`-style helper). The processor is read where it is
 *   defined: inline, a function of the same file, a function imported from a relative module, or a
 *   sandboxed processor file. Anything else cannot be judged (`timeLimitUnknown`).
 * - Bull (v3) has a `timeout` job option: each `queue.add()` is bounded by its own options or by
 *   the queue's `defaultJobOptions.timeout`.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { TaskDef } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { dirOf, joinRepoPath as joinPath } from '../../core/paths.js';
import { entry, hasSpread } from './values.js';

const JS_EXT = ['', '.ts', '.js', '.mjs', '.cjs', '.mts', '/index.ts', '/index.js'];

function resolveModule(repo: RepoContext, from: string, spec: string): CodeModel | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = joinPath(dirOf(from), spec);
  for (const ext of JS_EXT) {
    const m = repo.models.get(base + ext) ?? repo.models.get(base.replace(/\.(js|mjs|cjs)$/, '') + ext);
    if (m) return m;
  }
  return undefined;
}

/** Calls inside function `fn` (and functions nested in it), or the whole file when fn is -1. */
function callsWithin(model: CodeModel, fn: number): CallSite[] {
  if (fn < 0) return model.calls;
  const f = model.functions[fn];
  return model.calls.filter((c) => c.fn >= 0 && model.functions[c.fn].start >= f.start && model.functions[c.fn].end <= f.end);
}

/** The first call that bounds the processor's run time, if any. */
function timeoutMechanism(model: CodeModel, calls: CallSite[]): CallSite | undefined {
  const pTimeout = new Set(model.imports.filter((i) => i.module === 'p-timeout').flatMap((i) => (i.names.includes('default') ? ['pTimeout', 'timeout'] : i.names)));
  const hasTimer = calls.some((c) => c.callee === 'setTimeout' || /(^|\.)(delay|sleep|wait)$/i.test(c.callee));
  const hasController = calls.some((c) => c.isNew && c.callee === 'AbortController');
  return calls.find(
    (c) =>
      c.callee === 'AbortSignal.timeout' ||
      pTimeout.has(c.callee) ||
      (c.callee === 'Promise.race' && hasTimer) ||
      (c.callee === 'setTimeout' && hasController) ||
      /^(withTimeout|runWithTimeout|promiseTimeout|raceTimeout|timeoutPromise)$/i.test(c.name),
  );
}

type Judged = { limit: Evidence | null; unknown?: string };

function judgeProcessor(repo: RepoContext, model: CodeModel, proc: Value | undefined): Judged {
  const check = (m: CodeModel, fn: number): Judged => {
    const hit = timeoutMechanism(m, callsWithin(m, fn));
    return { limit: hit ? repo.ev(m.file, hit.line, { note: 'the processor bounds its own run time' }) : null };
  };
  if (!proc) return { limit: null, unknown: 'no processor given' };
  if (proc.kind === 'function' && proc.fn !== undefined) return check(model, proc.fn);
  if (proc.kind === 'name') {
    const local = model.functions.findIndex((f) => f.name === proc.text && f.parent < 0);
    if (local >= 0) return check(model, local);
    const imp = model.imports.find((i) => i.names.includes(proc.text) && i.module.startsWith('.'));
    const target = imp && resolveModule(repo, model.file, imp.module);
    const fn = target?.functions.findIndex((f) => f.name === proc.text && f.parent < 0) ?? -1;
    if (target && fn >= 0) return check(target, fn);
    return { limit: null, unknown: `processor ${proc.text} is defined where it was not inspected` };
  }
  if (proc.kind === 'string' && proc.value) {
    const target = resolveModule(repo, model.file, proc.value.startsWith('.') ? proc.value : `./${proc.value}`);
    if (target) return check(target, -1);
  }
  return { limit: null, unknown: 'the processor is not a function the code model can read' };
}

function bullmqWorkers(repo: RepoContext, model: CodeModel): TaskDef[] {
  if (!model.imports.some((i) => i.module === 'bullmq')) return [];
  const out: TaskDef[] = [];
  for (const c of model.calls) {
    if (!c.isNew || (c.callee !== 'Worker' && c.callee !== 'bullmq.Worker')) continue;
    const j = judgeProcessor(repo, model, c.args[1]);
    const name = c.args[0]?.kind === 'string' ? (c.args[0].value ?? '') : (c.args[0]?.text ?? '');
    out.push({ framework: 'bullmq', name, evidence: repo.ev(model.file, c.line), timeLimit: j.limit, ...(j.unknown && !j.limit ? { timeLimitUnknown: j.unknown } : {}) });
  }
  return out;
}

interface BullQueue {
  defaultTimeout: Evidence | null;
  unknown: boolean;
}

/** Bull v3 queues by variable name, across the repository. */
function bullQueues(repo: RepoContext, models: CodeModel[]): Map<string, BullQueue> {
  const out = new Map<string, BullQueue>();
  for (const m of models) {
    if (!m.imports.some((i) => i.module === 'bull')) continue;
    for (const a of m.assignments) {
      if (a.value.kind !== 'call' || !/^(Bull|Queue)$/.test(a.value.callee ?? '') || a.value.call === undefined) continue;
      const c = m.calls[a.value.call];
      // Queue(name, opts) or Queue(name, redisUrl, opts): a second argument that is a name may be either.
      const opts = c.args.length >= 3 ? c.args[2] : c.args[1]?.kind === 'dict' ? c.args[1] : undefined;
      const ambiguous = c.args.length === 2 && (c.args[1].kind === 'name' || c.args[1].kind === 'attr') && !/(url|uri|redis|conn)/i.test(c.args[1].text);
      const defaults = entry(opts, 'defaultJobOptions');
      const timeout = entry(defaults, 'timeout');
      out.set(a.target, {
        defaultTimeout: timeout ? repo.ev(m.file, timeout.line, { note: 'defaultJobOptions.timeout' }) : null,
        unknown: ambiguous || (!!opts && opts.kind !== 'dict') || hasSpread(opts) || (!!defaults && (defaults.kind !== 'dict' || hasSpread(defaults))),
      });
    }
  }
  return out;
}

function bullJobs(repo: RepoContext, model: CodeModel, queues: Map<string, BullQueue>): TaskDef[] {
  const out: TaskDef[] = [];
  const imported = new Set(model.imports.filter((i) => i.module.startsWith('.')).flatMap((i) => i.names));
  const local = new Set(model.assignments.map((a) => a.target));
  for (const c of model.calls) {
    if (c.name !== 'add') continue;
    const q = c.callee.slice(0, -'.add'.length);
    const queue = queues.get(q);
    if (!queue || (!local.has(q) && !imported.has(q))) continue;
    const named = c.args[0]?.kind === 'string';
    const opts = c.args[named ? 2 : 1];
    const timeout = entry(opts, 'timeout');
    const unknown = queue.unknown || (!!opts && (opts.kind !== 'dict' || hasSpread(opts)));
    const limit = timeout ? repo.ev(model.file, timeout.line, { note: 'job timeout option' }) : queue.defaultTimeout;
    out.push({
      framework: 'bull',
      name: named ? (c.args[0].value ?? q) : q,
      evidence: repo.ev(model.file, c.line, { endLine: c.endLine }),
      timeLimit: limit,
      ...(!limit && unknown ? { timeLimitUnknown: 'job options are not a literal the code model can read' } : {}),
    });
  }
  return out;
}

export function nodeTasks(repo: RepoContext): TaskDef[] {
  const models = [...repo.models.values()].filter((m) => m.language !== 'python' && repo.file(m.file)?.role === 'app');
  const queues = bullQueues(repo, models);
  return models.flatMap((m) => [...bullmqWorkers(repo, m), ...(queues.size > 0 ? bullJobs(repo, m, queues) : [])]);
}
