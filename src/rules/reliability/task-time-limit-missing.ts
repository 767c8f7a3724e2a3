import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'task-time-limit-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'Background jobs have time limits',
    failureTitle: 'Background jobs can run forever',
    why: 'A job with no time limit that hangs (a provider that never answers, a lock never released, an infinite retry loop) holds its worker slot for good. A few such jobs and the worker pool stops processing anything, while the queue grows silently. Celery applies no time limit unless `time_limit`/`soft_time_limit` is set on the task, in the app configuration or on the worker command line; BullMQ has no job timeout at all, so the processor must bound itself; Bull v3 needs a `timeout` job option. (RQ and Dramatiq apply default limits and are not flagged.)',
    fix: {
      default: 'Set a time limit per job type, sized to its slowest legitimate run, and make the job handle the timeout (retry or fail cleanly).',
      celery: 'Set app-wide limits, `celery_app.conf.update(task_soft_time_limit=240, task_time_limit=300)`, and override per task where needed: `@celery_app.task(soft_time_limit=60, time_limit=90)`; catch `SoftTimeLimitExceeded` to clean up.',
      bullmq: 'Bound the processor: `new Worker("emails", async (job) => { const signal = AbortSignal.timeout(60_000); await send(job.data, { signal }); })`, or wrap the work with `p-timeout`.',
      node: "Bull v3: pass `{ timeout: 60_000 }` in the job options or the queue's `defaultJobOptions`.",
    },
    examples: {
      bad: '@celery_app.task\ndef summarize_note(note_id): ...',
      good: '@celery_app.task(soft_time_limit=120, time_limit=150)\ndef summarize_note(note_id): ...',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['tasks'],
    confidence: 'high',
  },
  check({ tasks }) {
    const judged = tasks.filter((t) => t.timeLimit !== null || !t.timeLimitUnknown);
    if (tasks.length === 0) return notApplicable('no Celery, Dramatiq, BullMQ or Bull jobs defined');
    if (judged.length === 0) return notApplicable(`${plural(tasks.length, 'job')} whose time limit could not be read`);
    const missing = judged.filter((t) => t.timeLimit === null);
    if (missing.length > 0) {
      return fail(
        missing.map((t) => ({
          message: `${t.framework} job ${t.name ? `\`${t.name}\` ` : ''}has no time limit`,
          evidence: [t.evidence],
          stack: (t.framework === 'celery' ? 'celery' : t.framework === 'bullmq' ? 'bullmq' : 'node') as FixKey,
        })),
      );
    }
    const limits = [...new Map(judged.map((t) => [`${t.timeLimit!.file}:${t.timeLimit!.line}`, t.timeLimit!])).values()];
    return pass(`${plural(judged.length, 'job')} bounded by a time limit`, limits.slice(0, 5));
  },
});
