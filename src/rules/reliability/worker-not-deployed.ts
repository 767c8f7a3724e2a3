import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import { productionStartLines, statements } from '../../core/rule-support/start-path.js';

/** Process managers whose own config (supervisord.conf, honcho Procfile, pm2 ecosystem) may start a worker the facts do not read. */
const MANAGERS = /(^|\/)(supervisord|honcho|foreman|circusd|pm2-runtime|pm2|overmind|s6-svscan)\b/;

/**
 * Python: Celery / Dramatiq tasks are defined, the repository declares how production starts (Dockerfile
 * CMD, Procfile, compose, platform config, start scripts), and none of those start lines runs a worker
 * (`celery … worker` / `celery multi`, `dramatiq …`, or `worker_main()` in code). A `celery beat` line is a
 * scheduler, not a worker. Repositories that start through a process manager (supervisord, honcho, pm2),
 * ship Kubernetes manifests or a Helm chart, or declare no production start at all are not judged.
 * Node: jobs are added to a BullMQ / Bull queue while no code consumes any queue of that library (no
 * `new Worker`, no `.process()`, no NestJS processor).
 */
export default defineRule({
  meta: {
    id: 'worker-not-deployed',
    area: 'reliability',
    severity: 'high',
    title: 'A worker process runs the background tasks',
    failureTitle: 'Background tasks have no worker',
    why:
      'Enqueued tasks only run if a worker process consumes the queue. When the deployment starts the web server (and perhaps a beat scheduler) but no worker, every task is accepted, sits in the broker and never executes: emails are not sent, reports never finish, and nothing errors. ' +
      'This typically happens when a worker started by hand or by a local compose file is never added to the production process list.',
    fix: {
      default: 'Declare a worker process next to the web process in the production deployment configuration.',
      celery: 'Add a worker process, e.g. in a Procfile `worker: celery -A app.worker.celery_app worker --loglevel=info`, a compose service with that command, or a separate platform service. `celery beat` only schedules tasks; it does not run them.',
      bullmq: 'Create a `new Worker(queueName, processor, { connection })` for each queue and start it in a process that runs in production (a separate `worker` process or service).',
      railway: 'Create a second Railway service from the same repo with the start command `celery -A app.worker.celery_app worker`.',
      fly: 'Add a `[processes]` entry `worker = "celery -A app.worker.celery_app worker"` and scale it with `fly scale count worker=1`.',
      render: 'Add a `type: worker` service with `startCommand: celery -A app.worker.celery_app worker` to render.yaml.',
    },
    examples: { bad: 'web: uvicorn app.main:app\nbeat: celery -A app.worker beat', good: 'web: uvicorn app.main:app\nworker: celery -A app.worker worker --loglevel=info', lang: 'text' },
    effort: 'hours',
    appliesTo: ['py', 'node', 'platform'],
    needs: ['tasks', 'workers', 'startCommands', 'startScripts', 'memoryLimits', 'files'],
    confidence: 'medium',
  },
  check({ tasks, workers, startCommands, startScripts, memoryLimits, files }) {
    const findings: Finding[] = [];
    const strengths = [];
    let judged = 0;
    // Python task frameworks, judged against the production start path.
    const pyTasks = tasks.filter((t) => t.framework === 'celery' || t.framework === 'dramatiq');
    const lines = productionStartLines(startCommands, startScripts);
    // Kubernetes manifests and Helm charts start containers with commands the start facts do not read.
    const orchestrated = memoryLimits.some((t) => t.kind === 'kubernetes') || files.some((f) => /(^|\/)Chart\.ya?ml$/.test(f.path));
    const managed = orchestrated || lines.some((l) => statements(l.text).some((s) => MANAGERS.test(s.split(/\s+/).find((w) => !/=/.test(w) && w !== 'exec') ?? '')));
    if (pyTasks.length > 0 && lines.length > 0 && !managed) {
      judged++;
      const fw = [...new Set(pyTasks.map((t) => t.framework))];
      const procs = workers.processes.filter((p) => p.production && fw.includes(p.framework as 'celery' | 'dramatiq'));
      if (procs.length > 0) strengths.push(...procs.map((p) => p.evidence));
      else {
        const declared = [...new Map(startCommands.filter((c) => c.production && !c.via).map((c) => [`${c.evidence.file}:${c.evidence.line}`, c.evidence])).values()];
        findings.push({
          message: `${plural(pyTasks.length, `${fw.join('/')} task`)} defined, but no production start command runs a worker (started: ${declared.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}`).slice(0, 4).join(', ')}); enqueued tasks never run`,
          evidence: [pyTasks[0].evidence, ...declared.slice(0, 4)],
          stack: fw[0] === 'celery' ? 'celery' : 'py',
        });
      }
    }
    // Node queues: producers without any consumer of the same library.
    for (const framework of ['bullmq', 'bull'] as const) {
      const uses = workers.queueUses.filter((u) => u.framework === framework);
      const produce = uses.filter((u) => u.role === 'produce');
      if (produce.length === 0) continue;
      judged++;
      const consume = uses.filter((u) => u.role === 'consume');
      if (consume.length > 0) strengths.push(...consume.map((u) => u.evidence));
      else
        findings.push({
          message: `Jobs are added to ${framework === 'bullmq' ? 'BullMQ' : 'Bull'} queues (${plural(produce.length, 'call')}) but no code consumes them (no ${framework === 'bullmq' ? '`new Worker`' : '`.process()`'}): the jobs are never run`,
          evidence: produce.map((u) => u.evidence).slice(0, 5),
          stack: framework === 'bullmq' ? 'bullmq' : 'node',
        });
    }
    if (findings.length > 0) return fail(findings);
    if (judged === 0) {
      if (pyTasks.length > 0 && managed) return notApplicable('production starts through a process manager or Kubernetes/Helm manifests whose commands are not read');
      if (pyTasks.length > 0) return notApplicable('the repository does not declare how production starts');
      return notApplicable('no background tasks defined');
    }
    return pass(`Background tasks have ${plural(strengths.length, 'worker')}`, strengths.slice(0, 5));
  },
});
