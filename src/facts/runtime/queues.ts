/**
 * Which named queues tasks are sent to and which queues code consumes, for worker-queue-unconsumed,
 * worker-not-deployed (Node) and worker-concurrency-hardcoded (BullMQ `concurrency`).
 * - Celery (produce only; Celery consumers are worker processes, see workers.ts): `@app.task(queue="x")`,
 *   `.apply_async(queue="x")` / `send_task(…, queue="x")` / `.set(queue="x")`, and `task_routes` dict literals
 *   (`conf.task_routes = {...}`, `conf.update(task_routes={...})`, Django `CELERY_TASK_ROUTES`).
 * - BullMQ / Bull: `new Queue(name)` / `new Bull(name)` variables, their `.add()` calls (produce), BullMQ
 *   `new Worker(name, …)` and Bull `queue.process()` (consume). NestJS `@nestjs/bull(mq)` processors are
 *   declared by decorators the model does not resolve: they are recorded as a consumer of an unknown queue.
 * Queue names are string literals or constants (same file, or imported from a relative module); anything
 * else is recorded with queue null so rules can stay silent.
 */
import type { CodeModel, Value } from '../code/model.js';
import type { QueueUse } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { dirOf, joinRepoPath as joinPath } from '../../core/paths.js';
import { entry, moduleValue } from './values.js';

const JS_EXT = ['', '.ts', '.js', '.mjs', '.cjs', '.mts', '/index.ts', '/index.js'];

function resolveModule(repo: RepoContext, from: string, spec: string): CodeModel | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = joinPath(dirOf(from), spec).replace(/\.(js|mjs|cjs)$/, '');
  for (const ext of JS_EXT) {
    const m = repo.models.get(base + ext);
    if (m) return m;
  }
  return undefined;
}

/** A queue name: a string literal, or a constant holding one (this file, or imported from a relative module). */
function queueName(repo: RepoContext, model: CodeModel, v: Value | undefined): string | null {
  if (!v) return null;
  if (v.kind === 'string') return v.value ?? null;
  if (v.kind !== 'name') return null;
  const local = moduleValue(model, v.text);
  if (local?.kind === 'string') return local.value ?? null;
  const imp = model.imports.find((i) => i.names.includes(v.text) && i.module.startsWith('.'));
  const target = imp && resolveModule(repo, model.file, imp.module);
  const there = target && moduleValue(target, v.text);
  return there?.kind === 'string' ? (there.value ?? null) : null;
}

function nodeUses(repo: RepoContext, models: CodeModel[]): QueueUse[] {
  const out: QueueUse[] = [];
  const fw = (m: CodeModel) => (m.imports.some((i) => i.module === 'bullmq') ? 'bullmq' : m.imports.some((i) => i.module === 'bull') ? 'bull' : undefined);
  // Queue variables across the repository (exported queues are used by name from other files).
  const queues = new Map<string, { framework: 'bullmq' | 'bull'; queue: string | null }>();
  for (const m of models) {
    const f = fw(m);
    if (!f) continue;
    for (const a of m.assignments) {
      if (a.value.kind !== 'call' || a.value.call === undefined || !/^(Queue|Bull|bullmq\.Queue)$/.test(a.value.callee ?? '')) continue;
      queues.set(a.target.replace(/^(this\.)/, ''), { framework: f, queue: queueName(repo, m, m.calls[a.value.call].args[0]) });
    }
  }
  for (const m of models) {
    if (m.imports.some((i) => i.module === '@nestjs/bullmq' || i.module === '@nestjs/bull')) {
      out.push({ framework: m.imports.some((i) => i.module === '@nestjs/bullmq') ? 'bullmq' : 'bull', queue: null, role: 'consume', evidence: repo.ev(m.file, m.imports[0]?.line ?? 1) });
    }
    const f = fw(m);
    const reachable = new Set([...m.assignments.map((a) => a.target), ...m.imports.filter((i) => i.module.startsWith('.')).flatMap((i) => i.names)]);
    for (const c of m.calls) {
      if (f === 'bullmq' && c.isNew && (c.callee === 'Worker' || c.callee === 'bullmq.Worker')) {
        const conc = entry(c.args[2], 'concurrency');
        out.push({
          framework: 'bullmq',
          queue: queueName(repo, m, c.args[0]),
          role: 'consume',
          evidence: repo.ev(m.file, c.line),
          ...(conc ? { concurrency: { text: conc.text, literal: conc.kind === 'number', evidence: repo.ev(m.file, conc.line) } } : {}),
        });
        continue;
      }
      if (c.name !== 'add' && c.name !== 'addBulk' && c.name !== 'process') continue;
      const q = c.callee.slice(0, c.callee.lastIndexOf('.'));
      const queue = queues.get(q);
      if (!queue || !reachable.has(q)) continue;
      if (c.name === 'process' && queue.framework !== 'bull') continue;
      out.push({ framework: queue.framework, queue: queue.queue, role: c.name === 'process' ? 'consume' : 'produce', evidence: repo.ev(m.file, c.line) });
    }
  }
  return out;
}

/** `{ "app.tasks.x": {"queue": "q"} }` → q for each entry (nested one level). */
function routeQueues(v: Value | undefined): Value[] {
  if (v?.kind !== 'dict') return [];
  return (v.entries ?? []).flatMap((e) => (e.key === 'queue' && e.value.kind === 'string' ? [e.value] : routeQueues(e.value)));
}

function celeryUses(repo: RepoContext, models: CodeModel[]): QueueUse[] {
  const out: QueueUse[] = [];
  const produce = (m: CodeModel, v: Value | undefined, line: number) => {
    if (v) out.push({ framework: 'celery', queue: queueName(repo, m, v), role: 'produce', evidence: repo.ev(m.file, line) });
  };
  for (const m of models) {
    if (!m.imports.some((i) => i.module === 'celery' || i.module.startsWith('celery.')) && !/settings/.test(m.file)) continue;
    for (const f of m.functions) for (const d of f.decorators) if (d.kind === 'call' && d.call !== undefined && /(^|\.)(task|shared_task)$/.test(d.callee ?? '')) produce(m, m.calls[d.call].kwargs.queue, d.line);
    for (const c of m.calls) {
      if (/^(apply_async|send_task|set|signature|s|si)$/.test(c.name) && c.kwargs.queue) produce(m, c.kwargs.queue, c.line);
      if (/(^|\.)conf\.update$/.test(c.callee)) for (const q of routeQueues(c.kwargs.task_routes)) produce(m, q, q.line);
    }
    for (const a of m.assignments) if (/(^|\.)conf\.task_routes$|^CELERY_TASK_ROUTES$|^task_routes$/.test(a.target)) for (const q of routeQueues(a.value)) produce(m, q, q.line);
  }
  return out;
}

export function collectQueueUses(repo: RepoContext): QueueUse[] {
  const models = [...repo.models.values()].filter((m) => ['app', 'config', 'script'].includes(repo.file(m.file)?.role ?? ''));
  return [...celeryUses(repo, models.filter((m) => m.language === 'python')), ...nodeUses(repo, models.filter((m) => m.language !== 'python'))];
}
