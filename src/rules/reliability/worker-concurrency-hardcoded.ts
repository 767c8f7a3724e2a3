import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

/** A number other than 1: a concurrency of 1 is a deliberate choice (serial processing), not machine sizing. */
const LITERAL = /^(?!0*1$)\d+$/;

/**
 * Worker concurrency written as a number: `--concurrency 4` / `-c 4` on a production Celery worker command,
 * `-p 4` on Dramatiq, `worker_concurrency = 4` (or Django `CELERY_WORKER_CONCURRENCY = 4`) in configuration,
 * BullMQ `new Worker(…, { concurrency: 4 })`. `${WORKER_CONCURRENCY:-4}`, `os.getenv(…)`, `Number(process.env.X)`
 * are configuration. A literal 1 is not flagged (serial processing is a design choice). Workers left at the
 * default (Celery: CPU count) pass.
 */
export default defineRule({
  meta: {
    id: 'worker-concurrency-hardcoded',
    area: 'reliability',
    severity: 'medium',
    title: 'Worker concurrency comes from configuration',
    failureTitle: 'Worker concurrency is hard-coded',
    why:
      'A fixed concurrency ignores the machine it runs on: on a bigger instance the extra CPUs idle, on a smaller one (or a container with a CPU/memory limit) the processes compete and run out of memory. ' +
      'Scaling the worker then needs a code change and a redeploy instead of a setting change.',
    fix: {
      default: 'Read worker concurrency from an environment variable (with a sensible default), or leave it at the CPU-count default.',
      celery: '`celery -A app worker --concurrency="${CELERY_CONCURRENCY:-2}"`, or `celery_app.conf.worker_concurrency = int(os.getenv("CELERY_CONCURRENCY", "2"))`.',
      bullmq: '`new Worker(name, processor, { connection, concurrency: Number(process.env.WORKER_CONCURRENCY ?? 5) })`.',
    },
    examples: { bad: 'celery -A app worker --concurrency=4', good: 'celery -A app worker --concurrency="${CELERY_CONCURRENCY:-4}"', lang: 'bash' },
    effort: 'minutes',
    appliesTo: ['py', 'node', 'platform'],
    needs: ['workers'],
    confidence: 'high',
  },
  check({ workers }) {
    const findings: Finding[] = [];
    const good = [];
    const procs = workers.processes.filter((p) => p.production);
    for (const p of procs) {
      const c = p.flags.concurrency;
      if (c === undefined) good.push(p.evidence);
      else if (LITERAL.test(c)) findings.push({ message: `${p.framework} worker concurrency is fixed at ${c} on its start command`, evidence: [p.evidence], stack: p.framework === 'celery' ? 'celery' : 'py' });
      else good.push(p.evidence);
    }
    for (const s of workers.celerySettings.filter((x) => x.key === 'concurrency')) {
      if (LITERAL.test(s.value.replace(/_/g, ''))) findings.push({ message: `Celery worker concurrency is fixed at ${s.value} in configuration`, evidence: [s.evidence], stack: 'celery' });
      else good.push(s.evidence);
    }
    const bull = workers.queueUses.filter((u) => u.role === 'consume' && u.framework === 'bullmq');
    for (const u of bull) {
      if (u.concurrency?.literal && LITERAL.test(u.concurrency.text)) findings.push({ message: `BullMQ worker concurrency is fixed at ${u.concurrency.text}`, evidence: [u.concurrency.evidence], stack: 'bullmq' });
      else good.push(u.concurrency?.evidence ?? u.evidence);
    }
    if (findings.length > 0) return fail(findings);
    if (good.length === 0) return notApplicable('no worker process or worker configuration found');
    return pass(`${plural(good.length, 'worker')} size their concurrency from configuration or the CPU count`, good.slice(0, 5));
  },
});
