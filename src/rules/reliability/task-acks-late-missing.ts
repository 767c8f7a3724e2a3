import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/** A setting value that is not a literal false: `True`, `1`, or read from env/config (the deployer decides). */
const enabled = (v: string | undefined) => v !== undefined && !/^(false|0|none|''|"")$/i.test(v.trim());

/**
 * Celery tasks acknowledged before they run (the default). Counts app-wide `task_acks_late` +
 * `task_reject_on_worker_lost` (conf.update, conf.X, celeryconfig, Django CELERY_*), or both options on
 * each task's decorator. Only literal `False`/`0` counts as off; a value read from the environment counts as set.
 */
export default defineRule({
  meta: {
    id: 'task-acks-late-missing',
    area: 'reliability',
    severity: 'medium',
    title: 'Tasks are acknowledged after they finish',
    failureTitle: 'Tasks are lost when a worker dies',
    why:
      'By default Celery acknowledges a task when a worker takes it, before it runs: if the worker is killed mid-task (deploy, OOM kill, node replaced), the broker has already forgotten it and the work is silently lost. ' +
      '`task_acks_late=True` acknowledges only after the task finishes, and `task_reject_on_worker_lost=True` makes a task whose worker process died go back to the queue instead of being marked failed. Tasks must then be idempotent, since they can run twice.',
    fix: {
      default: 'Set `task_acks_late=True` and `task_reject_on_worker_lost=True` in the Celery configuration, and make tasks idempotent.',
      celery: '```python\ncelery_app.conf.update(\n    task_acks_late=True,\n    task_reject_on_worker_lost=True,\n)\n```\nor per task: `@celery_app.task(acks_late=True, reject_on_worker_lost=True)`.',
      django: 'In settings.py (with `config_from_object("django.conf:settings", namespace="CELERY")`): `CELERY_TASK_ACKS_LATE = True` and `CELERY_TASK_REJECT_ON_WORKER_LOST = True`.',
    },
    examples: { bad: 'celery_app = Celery("app", broker=BROKER_URL)', good: 'celery_app = Celery("app", broker=BROKER_URL)\ncelery_app.conf.update(task_acks_late=True, task_reject_on_worker_lost=True)', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['tasks', 'workers'],
    confidence: 'high',
  },
  check({ tasks, workers }) {
    const celery = tasks.filter((t) => t.framework === 'celery');
    if (celery.length === 0) return notApplicable('no Celery tasks defined');
    const setting = (k: string) => workers.celerySettings.filter((s) => s.key === k).pop();
    const acks = setting('acks_late');
    const reject = setting('reject_on_worker_lost');
    const globalAcks = acks && enabled(acks.value);
    const globalReject = reject && enabled(reject.value);
    const covered = (t: (typeof celery)[number]) =>
      (globalAcks || enabled(t.options?.acks_late)) && (globalReject || enabled(t.options?.reject_on_worker_lost));
    const missing = celery.filter((t) => !covered(t));
    if (missing.length === 0) {
      const ev = globalAcks && globalReject ? [acks!.evidence, reject!.evidence] : celery.map((t) => t.evidence).slice(0, 5);
      return pass(`${plural(celery.length, 'Celery task')} acknowledged late and re-queued when a worker dies`, ev);
    }
    const anchor = globalAcks ? acks!.evidence : (acks?.evidence ?? workers.celeryApps[0] ?? missing[0].evidence);
    const what = globalAcks
      ? '`task_acks_late` is set but `task_reject_on_worker_lost` is not: a task whose worker process is killed is marked failed instead of re-queued'
      : 'acknowledged before they run (no `task_acks_late`): a worker killed mid-task loses them';
    return fail([
      {
        message: `${plural(missing.length, 'Celery task')}: ${what}`,
        evidence: [anchor, ...missing.map((t) => t.evidence).filter((e) => e !== anchor).slice(0, 5)],
        stack: 'celery',
      },
    ]);
  },
});
