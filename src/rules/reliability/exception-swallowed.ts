import { defineRule, fail, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'exception-swallowed',
    area: 'reliability',
    severity: 'medium',
    title: 'No broad exception is silently discarded',
    failureTitle: 'Exceptions are swallowed silently',
    why:
      'An `except Exception: pass` or an empty `catch {}` turns every failure in its `try` block (a lost database write, a timed-out payment call, a bug) into silence: nothing is logged, no error tracker sees it, and the request or job carries on as if it had succeeded. ' +
      'In production such failures surface much later as corrupted data or support tickets, with no trace to find their cause.',
    fix: {
      default: 'Catch the narrowest exception you expect and handle it; otherwise log it with its traceback (`logger.exception(...)` / `logger.error({ err }, ...)`) or let it propagate to the app-wide error handler.',
      py: '`except SomeSpecificError:` for the case you expect; for anything else `except Exception: logger.exception("sync failed"); raise` (or report it with `sentry_sdk.capture_exception()`) instead of `pass`.',
      node: "`catch (err) { logger.warn({ err }, 'cache refresh failed') }` instead of `catch {}`; for promises `.catch((err) => logger.error({ err }, 'background send failed'))`.",
    },
    examples: {
      bad: 'try:\n    notify(user)\nexcept Exception:\n    pass',
      good: 'try:\n    notify(user)\nexcept NotificationError:\n    logger.warning("notification failed", exc_info=True)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['swallowedExceptions'],
    confidence: 'high',
  },
  check({ swallowedExceptions }) {
    if (swallowedExceptions.length === 0) return pass('No except/catch block in application code discards a broad exception silently');
    const findings: Finding[] = swallowedExceptions.map((s) => ({
      message:
        s.form.startsWith('.catch')
          ? 'A promise rejection is discarded by an empty `.catch()` callback: the failure is never logged or reported'
          : s.form.startsWith('suppress')
            ? `\`${s.form}\` discards every exception in its block without logging it`
            : `\`${s.form}\` with an empty body discards the error without logging or re-raising it`,
      evidence: [s.evidence],
      stack: s.family,
    }));
    return fail(findings);
  },
});
