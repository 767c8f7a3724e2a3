import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/** A task is "long-running" when its own decorator sets `time_limit` / `soft_time_limit` to a literal above this. */
const LONG_SECONDS = 30;

const seconds = (v: string | undefined) => (v !== undefined && /^\d+(\.\d+)?$/.test(v.replace(/_/g, '')) ? Number(v.replace(/_/g, '')) : undefined);

/**
 * Long-running Celery tasks (decorator `time_limit`/`soft_time_limit` literal above 30 s — the only
 * signal used; tasks without limits are not judged) while the prefetch multiplier is not 1: neither
 * `--prefetch-multiplier=1` on a worker command nor `worker_prefetch_multiplier = 1` in configuration.
 * A multiplier read from the environment counts as configured.
 */
export default defineRule({
  meta: {
    id: 'worker-prefetch',
    area: 'reliability',
    severity: 'low',
    title: 'Workers do not hoard long-running tasks',
    failureTitle: 'Workers prefetch long-running tasks',
    why:
      'Celery workers reserve `worker_prefetch_multiplier` (default 4) tasks per process in advance. With tasks that take minutes, a busy worker sits on reserved tasks while other workers are idle, so latency grows and scaling out does not help. ' +
      'With `task_acks_late`, a killed worker also re-delivers everything it had reserved at once.',
    fix: {
      default: 'Set the prefetch multiplier to 1 for workers that run long tasks.',
      celery: '`celery_app.conf.worker_prefetch_multiplier = 1` (together with `task_acks_late=True`), or `celery -A app worker --prefetch-multiplier=1`. Route long tasks to their own queue and worker if short tasks need throughput.',
      django: 'In settings.py: `CELERY_WORKER_PREFETCH_MULTIPLIER = 1`.',
    },
    examples: { bad: '@celery_app.task(time_limit=600)\ndef transcribe(file_id): ...', good: 'celery_app.conf.worker_prefetch_multiplier = 1\n\n@celery_app.task(time_limit=600)\ndef transcribe(file_id): ...', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['tasks', 'workers'],
    confidence: 'medium',
  },
  check({ tasks, workers }) {
    const long = tasks.filter((t) => t.framework === 'celery' && Math.max(seconds(t.options?.time_limit) ?? 0, seconds(t.options?.soft_time_limit) ?? 0) > LONG_SECONDS);
    if (long.length === 0) return notApplicable(`no Celery task with a time limit above ${LONG_SECONDS} seconds`);
    const settings = workers.celerySettings.filter((s) => s.key === 'prefetch_multiplier');
    const flags = workers.processes.filter((p) => p.framework === 'celery' && p.production && p.flags.prefetch_multiplier !== undefined);
    const configured = [...settings.map((s) => ({ value: s.value, evidence: s.evidence })), ...flags.map((p) => ({ value: p.flags.prefetch_multiplier, evidence: p.evidence }))];
    const bad = configured.filter((c) => seconds(c.value) !== undefined && seconds(c.value) !== 1);
    const good = configured.filter((c) => seconds(c.value) === undefined || seconds(c.value) === 1);
    if (good.length > 0 && bad.length === 0) return pass(`Prefetch multiplier configured for ${plural(long.length, 'long-running task')}`, good.map((c) => c.evidence));
    const anchor = bad[0]?.evidence ?? workers.celeryApps[0] ?? long[0].evidence;
    const what = bad.length > 0 ? `the prefetch multiplier is ${bad[0].value}` : 'the prefetch multiplier is left at its default (4)';
    return fail([
      {
        message: `${plural(long.length, 'Celery task')} may run over ${LONG_SECONDS} seconds and ${what}: each worker process reserves several of them ahead`,
        evidence: [anchor, ...long.map((t) => t.evidence).filter((e) => e !== anchor).slice(0, 5)],
        stack: 'celery',
      },
    ]);
  },
});
