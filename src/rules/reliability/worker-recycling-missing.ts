import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/** Pools without child processes: nothing to recycle. */
const NO_CHILDREN = /^(gevent|eventlet|threads|solo|custom)$/;
const positive = (v: string | undefined) => v !== undefined && !/^(0|none|false)$/i.test(v.trim());

/**
 * Celery prefork workers that never replace their child processes: no `--max-tasks-per-child` /
 * `--max-memory-per-child` on the production worker command and no `worker_max_tasks_per_child` /
 * `worker_max_memory_per_child` in the configuration. When no worker command is found in the repository,
 * the configuration alone is judged (anchored at the Celery app). Gevent/eventlet/threads/solo pools are skipped.
 */
export default defineRule({
  meta: {
    id: 'worker-recycling-missing',
    area: 'reliability',
    severity: 'low',
    title: 'Worker processes are recycled',
    failureTitle: 'Worker processes are never recycled',
    why:
      'A Celery prefork child runs tasks for as long as the worker lives: any leak (a growing cache, C-extension memory, large objects kept by a library) accumulates until the container is OOM-killed, taking the tasks in flight with it. ' +
      'Replacing each child after a number of tasks, or once it exceeds a memory ceiling, keeps memory bounded at negligible cost.',
    fix: {
      default: 'Recycle worker children after N tasks or above a memory ceiling.',
      celery: 'On the command line, `celery -A app worker --max-tasks-per-child=100 --max-memory-per-child=300000` (KiB), or in code: `celery_app.conf.update(worker_max_tasks_per_child=100, worker_max_memory_per_child=300_000)`.',
      django: 'In settings.py: `CELERY_WORKER_MAX_TASKS_PER_CHILD = 100`.',
    },
    examples: { bad: 'celery -A app worker --concurrency=4', good: 'celery -A app worker --concurrency=4 --max-tasks-per-child=100', lang: 'bash' },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['tasks', 'workers'],
    confidence: 'medium',
  },
  check({ tasks, workers }) {
    const hasCelery = tasks.some((t) => t.framework === 'celery') || workers.celeryApps.length > 0;
    const procs = workers.processes.filter((p) => p.framework === 'celery' && p.production && !NO_CHILDREN.test(p.flags.pool ?? ''));
    if (!hasCelery && procs.length === 0) return notApplicable('no Celery worker');
    const global = workers.celerySettings.filter((s) => (s.key === 'max_tasks_per_child' || s.key === 'max_memory_per_child') && positive(s.value));
    if (procs.length === 0) {
      if (workers.processes.some((p) => p.framework === 'celery' && p.production)) return notApplicable('Celery workers use a pool without child processes');
      if (global.length > 0) return pass('Celery configuration recycles worker children', global.map((g) => g.evidence));
      const anchor = workers.celeryApps[0] ?? tasks.find((t) => t.framework === 'celery')?.evidence;
      if (!anchor) return notApplicable('no Celery app found');
      return fail([{ message: 'Celery worker children are not recycled: no `worker_max_tasks_per_child` / `worker_max_memory_per_child` in the configuration, and no worker command in the repository sets `--max-tasks-per-child`', evidence: [anchor], stack: 'celery' }]);
    }
    const bare = procs.filter((p) => !positive(p.flags.max_tasks_per_child) && !positive(p.flags.max_memory_per_child));
    if (global.length > 0 || bare.length === 0) {
      return pass(`${plural(procs.length, 'Celery worker')} recycle their children`, [...global.map((g) => g.evidence), ...procs.filter((p) => !bare.includes(p)).map((p) => p.evidence)].slice(0, 5));
    }
    return fail(
      bare.map((p) => ({
        message: 'Celery worker starts without `--max-tasks-per-child` / `--max-memory-per-child` and the configuration sets neither: leaked memory grows until the process is killed',
        evidence: [p.evidence],
        stack: 'celery' as const,
      })),
    );
  },
});
