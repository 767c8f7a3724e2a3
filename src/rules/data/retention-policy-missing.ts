import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'retention-policy-missing',
    area: 'data',
    severity: 'medium',
    title: 'Stored personal data has a retention job',
    failureTitle: 'Personal data is kept forever',
    why:
      'Conversations, messages, uploads and contact details that are never deleted grow the database (and its backups) without bound, and every row kept is a row exposed in a breach. ' +
      'Privacy law (GDPR storage limitation, CCPA) expects personal data to be kept only as long as needed; without a cleanup job there is no way to honour a stated retention period.',
    fix: {
      default: 'Decide how long each kind of data is kept, and add a scheduled job that deletes rows older than that (or a TTL index).',
      django: 'Add a management command run daily by cron / Celery beat: `Message.objects.filter(created_at__lt=timezone.now() - timedelta(days=90)).delete()`.',
      sqlalchemy: 'Run a scheduled task executing `delete(Message).where(Message.created_at < cutoff)`.',
      celery: 'Add a beat schedule entry for a task that deletes rows older than the retention period.',
      prisma: 'Schedule a job running `prisma.message.deleteMany({ where: { createdAt: { lt: cutoff } } })`.',
      py: 'Schedule a daily job that deletes rows whose `created_at` is older than the retention period.',
      node: "Schedule a daily job (node-cron, BullMQ repeatable job) deleting rows older than the retention period; for MongoDB, a TTL index: `schema.index({ createdAt: 1 }, { expireAfterSeconds: 90 * 86400 })`.",
    },
    examples: { bad: 'class Message(Base):\n    user_id = Column(ForeignKey("users.id"))', good: 'session.execute(delete(Message).where(Message.created_at < cutoff))', lang: 'python' },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals'],
    confidence: 'medium',
  },
  check(facts) {
    const { personalData, retentionJobs } = facts.opsSignals;
    if (personalData.length === 0) return notApplicable('no stored conversation or contact data found');
    const findings: Finding[] = [];
    const strengths: typeof retentionJobs = [];
    for (const d of personalData) {
      const job = retentionJobs.find((j) => j.service === d.service || j.service === '' || d.service === '');
      if (job) {
        if (!strengths.includes(job)) strengths.push(job);
        continue;
      }
      findings.push({
        message: `${d.evidence.note ?? d.model}, and nothing ever deletes old rows: no date-bounded cleanup job or TTL was found`,
        evidence: [d.evidence, ...d.writes.slice(0, 2)],
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass(`Old data is deleted: ${strengths.map((j) => `${j.detail} (${j.evidence.file}:${j.evidence.line})`).join('; ')}`, strengths.map((j) => j.evidence));
  },
});
