import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

/**
 * A task queue whose broker connection is neither configured nor documented:
 * - the library default applies (Celery app with no `broker=` / `broker_url` / config module and no
 *   `CELERY_BROKER_URL` in an env template or env read; BullMQ Queue/Worker without `connection`; Bull
 *   queue without a URL or `redis` option): it connects to localhost;
 * - the broker URL is read from an environment variable that the repository's env templates
 *   (.env.example …) do not list. Without any env template this case is left to env-example-missing.
 * A literal URL or a settings object the extractor does not trace counts as configured.
 */
export default defineRule({
  meta: {
    id: 'broker-not-configured',
    area: 'reliability',
    severity: 'high',
    title: 'The task broker connection is configured and documented',
    failureTitle: 'Task broker is not configured',
    why:
      'Without an explicit broker URL, Celery connects to amqp://guest@localhost and BullMQ to localhost:6379. In a container or on a platform nothing listens there: enqueueing fails or hangs on the first request that sends a task, and workers never start consuming. ' +
      'When the URL comes from an environment variable that no env template lists, whoever deploys the service does not know it must be set.',
    fix: {
      default: 'Pass the broker URL explicitly from an environment variable and list that variable in `.env.example`.',
      celery: '`celery_app = Celery("app", broker=os.environ["CELERY_BROKER_URL"])` and add `CELERY_BROKER_URL=redis://localhost:6379/0` to `.env.example`.',
      bullmq: '`const connection = { url: process.env.REDIS_URL }; new Queue("emails", { connection }); new Worker("emails", processor, { connection });` and document `REDIS_URL` in `.env.example`.',
      node: 'Bull v3: `new Queue("emails", process.env.REDIS_URL)`.',
    },
    examples: { bad: 'celery_app = Celery("app")', good: 'celery_app = Celery("app", broker=os.environ["CELERY_BROKER_URL"])', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['workers', 'envTemplates', 'envReads'],
    confidence: 'medium',
  },
  check({ workers, envTemplates, envReads }) {
    const brokers = [...new Map(workers.brokers.map((b) => [`${b.evidence.file}:${b.evidence.line}`, b])).values()];
    if (brokers.length === 0) return notApplicable('no Celery, BullMQ or Bull queue');
    const documented = new Set(envTemplates.flatMap((t) => t.vars.map((v) => v.name)));
    const read = new Set(envReads.map((r) => r.name));
    const findings: Finding[] = [];
    const good = [];
    for (const b of brokers) {
      const stack = b.framework === 'celery' ? ('celery' as const) : b.framework === 'bullmq' ? ('bullmq' as const) : ('node' as const);
      if (b.kind === 'missing') {
        if (b.framework === 'celery' && (documented.has('CELERY_BROKER_URL') || read.has('CELERY_BROKER_URL'))) good.push(b.evidence);
        else
          findings.push({
            message:
              b.framework === 'celery'
                ? 'Celery app has no broker configured (no `broker=`, `broker_url` or `CELERY_BROKER_URL`): it connects to amqp://guest@localhost'
                : `${b.framework === 'bullmq' ? 'BullMQ' : 'Bull'} queue has no connection option: it connects to localhost:6379`,
            evidence: [b.evidence],
            stack,
          });
      } else if (b.kind === 'env' && envTemplates.length > 0 && !documented.has(b.env!)) {
        findings.push({ message: `The broker URL is read from \`${b.env}\`, which no env template documents (${envTemplates.map((t) => t.file).join(', ')})`, evidence: [b.evidence], stack });
      } else good.push(b.evidence);
    }
    if (findings.length > 0) return fail(findings);
    return pass(`${plural(good.length, 'broker connection')} configured`, good.slice(0, 5));
  },
});
