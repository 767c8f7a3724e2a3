import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/**
 * Functions named for cleanup or retention (cleanup*, purge*, prune*, delete_expired*, expire_*,
 * *_retention*) that nothing calls, schedules, registers or names in a config: the data they were
 * written to delete keeps growing.
 */
export default defineRule({
  meta: {
    id: 'scheduled-cleanup-never-called',
    area: 'reliability',
    severity: 'medium',
    title: 'Cleanup and retention jobs are wired to run',
    failureTitle: 'Cleanup functions are defined but never called or scheduled',
    why:
      'A cleanup or retention function that nothing runs gives a false sense of safety: expired sessions, temporary files, old logs and personal data keep accumulating until the disk fills, queries slow down, or data is kept longer than the privacy policy says. ' +
      'Such functions are typically written together with a schedule that never made it to production (a beat entry, a cron job, a platform scheduler).',
    fix: {
      default: 'Schedule the function (a cron job on the platform, APScheduler, a periodic task) or call it where the data is produced; delete it if it is obsolete.',
      celery: 'Declare it as a task and add it to the beat schedule, and make sure a beat process runs in production:\n```python\ncelery_app.conf.beat_schedule = {\n    "purge-expired-sessions": {"task": "app.tasks.purge_expired_sessions", "schedule": crontab(hour=3, minute=0)},\n}\n```',
      fastapi: 'Start a scheduler in the lifespan (`scheduler.add_job(cleanup_old_files, "interval", hours=1)`), or run it from a platform cron job (`python -m app.jobs.cleanup`).',
      express: 'Schedule it with node-cron or a BullMQ repeatable job (`queue.add("cleanup", {}, { repeat: { pattern: "0 3 * * *" } })`), or a platform cron job.',
      railway: 'Add a cron service in Railway (`cronSchedule` in railway.json) whose start command runs the cleanup.',
      render: 'Add a `type: cron` service with a `schedule` and a `startCommand` that runs the cleanup.',
    },
    examples: {
      bad: 'def purge_expired_sessions(db):\n    db.query(Session).filter(Session.expires_at < now()).delete()\n# nothing calls or schedules it',
      good: 'scheduler.add_job(purge_expired_sessions, "cron", hour=3)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['cleanupFunctions'],
    confidence: 'medium',
  },
  check({ cleanupFunctions }) {
    if (cleanupFunctions.length === 0) return notApplicable('no cleanup or retention functions in the application code');
    const unwired = cleanupFunctions.filter((f) => !f.wiredBy);
    if (unwired.length > 0) {
      return fail(
        unwired.map((f) => ({
          message: f.testsOnly
            ? `${f.name}() is never called or scheduled by the application: only tests call it`
            : `${f.name}() is never called, scheduled or registered anywhere in the repository`,
          evidence: [f.evidence],
        })),
      );
    }
    const listed = cleanupFunctions.slice(0, 5).map((f) => `${f.name}: ${f.how}`);
    return pass(
      `${plural(cleanupFunctions.length, 'cleanup function')} called or scheduled (${listed.join('; ')}${cleanupFunctions.length > 5 ? '; …' : ''})`,
      cleanupFunctions.map((f) => f.wiredBy).filter((e) => e !== null),
    );
  },
});
