import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { QueueUse } from '../../facts/fact-map.js';

/**
 * A task sent to a named queue that no worker consumes.
 * Celery: queues named by `queue=` / task_routes, against the queues of the production worker commands
 * (`-Q a,b`; a worker without -Q consumes only the default queue, `celery` or `task_default_queue`).
 * Judged only when production Celery workers are found and every -Q list is literal (no `$VAR`).
 * BullMQ / Bull: queue names given to `.add()` against the names of `new Worker(name)` / `.process()`;
 * judged only when every consumer's queue name resolves to a literal.
 */
export default defineRule({
  meta: {
    id: 'worker-queue-unconsumed',
    area: 'reliability',
    severity: 'high',
    title: 'Every queue tasks are sent to has a worker',
    failureTitle: 'Tasks are routed to a queue no worker consumes',
    why:
      'A task routed to a queue that no worker listens on is accepted by the broker and then waits forever: callers see success, the work never happens, and the queue grows silently. ' +
      'It usually happens when a route or a new queue is added in code but the worker command (`-Q` list) or the worker process list is not updated.',
    fix: {
      default: 'Start a worker for every queue tasks are sent to, or route the tasks to a queue that is consumed.',
      celery: 'Add the queue to a worker command: `celery -A app.worker.celery_app worker -Q default,reports`, or start a dedicated worker for it.',
      bullmq: 'Create `new Worker("<queue name>", processor, { connection })` in a process that runs in production, using the same queue-name constant as the producer.',
      node: 'Bull v3: call `queue.process(handler)` for the queue in the worker process.',
    },
    examples: { bad: '@celery_app.task(queue="reports")\n# worker: celery -A app worker -Q default', good: '# worker: celery -A app worker -Q default,reports', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py', 'node', 'platform'],
    needs: ['workers'],
    confidence: 'medium',
  },
  check({ workers }) {
    const findings: Finding[] = [];
    const consumedEv = [];
    let judged = 0;
    // Celery
    const produced = workers.queueUses.filter((u) => u.framework === 'celery' && u.role === 'produce' && u.queue !== null);
    const procs = workers.processes.filter((p) => p.framework === 'celery' && p.production);
    const dynamic = procs.some((p) => p.queues?.some((q) => q.includes('$')));
    if (produced.length > 0 && procs.length > 0 && !dynamic) {
      judged++;
      const def = workers.celerySettings.filter((s) => s.key === 'default_queue').pop();
      if (!def || /^[\w.-]+$/.test(def.value)) {
        const consumed = new Set(procs.flatMap((p) => p.queues ?? [def?.value ?? 'celery']));
        consumedEv.push(...procs.map((p) => p.evidence));
        for (const [queue, uses] of group(produced.filter((u) => !consumed.has(u.queue!))))
          findings.push({
            message: `Celery tasks are sent to queue \`${queue}\` but no production worker consumes it (workers consume: ${[...consumed].join(', ')})`,
            evidence: [...uses.map((u) => u.evidence).slice(0, 4), ...procs.map((p) => p.evidence).slice(0, 2)],
            stack: 'celery',
          });
      }
    }
    // BullMQ / Bull
    for (const framework of ['bullmq', 'bull'] as const) {
      const uses = workers.queueUses.filter((u) => u.framework === framework);
      const consume = uses.filter((u) => u.role === 'consume');
      const produce = uses.filter((u) => u.role === 'produce' && u.queue !== null);
      if (consume.length === 0 || produce.length === 0 || consume.some((u) => u.queue === null)) continue;
      judged++;
      consumedEv.push(...consume.map((u) => u.evidence));
      const names = new Set(consume.map((u) => u.queue!));
      for (const [queue, list] of group(produce.filter((u) => !names.has(u.queue!))))
        findings.push({
          message: `Jobs are added to queue \`${queue}\` but no ${framework === 'bullmq' ? 'Worker' : '`.process()` handler'} consumes it (consumed: ${[...names].join(', ')})`,
          evidence: [...list.map((u) => u.evidence).slice(0, 4), consume[0].evidence],
          stack: framework === 'bullmq' ? 'bullmq' : 'node',
        });
    }
    if (findings.length > 0) return fail(findings);
    if (judged === 0) return notApplicable('no named task queues with known consumers');
    return pass(`Every queue tasks are sent to has a consumer (${plural(consumedEv.length, 'worker')})`, consumedEv.slice(0, 5));
  },
});

function group(uses: QueueUse[]): Map<string, QueueUse[]> {
  const out = new Map<string, QueueUse[]>();
  for (const u of uses) out.set(u.queue!, [...(out.get(u.queue!) ?? []), u]);
  return out;
}
