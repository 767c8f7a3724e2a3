import { defineRule, fail, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'exception-logged-without-trace',
    area: 'observability',
    severity: 'low',
    title: 'Caught exceptions are logged with their traceback',
    failureTitle: 'Caught exceptions are logged without their traceback',
    why:
      'Logging only `str(e)` or `err.message` keeps "KeyError: \'id\'" and throws away the file and line where it happened and the chain of calls that led there. ' +
      'In production that turns a five-minute fix into a reproduction hunt, because the traceback cannot be recovered after the fact.',
    fix: {
      default: 'Log the exception object so the logger records its stack.',
      py: 'Inside `except`, use `logger.exception("Payment failed")` (or `logger.error("...", exc_info=True)`) instead of `logger.error(f"... {e}")`.',
      node: "Pass the error itself: `logger.error({ err }, 'payment failed')` (pino) or `console.error('payment failed', err)`, not `err.message`.",
    },
    examples: { bad: 'except Exception as e:\n    logger.error(f"payment failed: {e}")', good: 'except Exception:\n    logger.exception("payment failed")', lang: 'python' },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['opsSignals'],
    confidence: 'high',
  },
  check(facts) {
    const logs = facts.opsSignals.exceptionLogs;
    if (logs.length === 0) return pass('No error log inside an except/catch block drops the traceback', []);
    const findings: Finding[] = logs.map((l) => ({ message: (l.evidence.note ?? 'error logged without its traceback').replace(/^(\S+)\(\) /, '`$1()` '), evidence: [l.evidence] }));
    return fail(findings);
  },
});
