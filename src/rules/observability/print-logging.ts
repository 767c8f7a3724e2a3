import { defineRule, fail, notApplicable, pass } from '../../core/rule.js';

const BACKEND_CODE = new Set(['python', 'typescript', 'javascript']);

export default defineRule({
  meta: {
    id: 'print-logging',
    area: 'observability',
    severity: 'medium',
    title: 'Application code logs through a logger, not print / console.log',
    failureTitle: 'print() / console.log in application code',
    why:
      '`print()` and `console.log` bypass the logging set-up: no level to filter on, no timestamp, no logger name, no request id, and no JSON, so these lines cannot be searched or alerted on and are easily lost (Python buffers stdout when it is not a terminal). ' +
      'They also cannot be silenced or raised per environment, so debug output ships to production and real errors printed this way never reach the error tracker.',
    fix: {
      default: 'Replace each call with the module logger at the right level.',
      py: 'Use `logger = logging.getLogger(__name__)` at module level and `logger.info(...)` / `logger.warning(...)` / `logger.exception(...)` instead of `print(...)` (including `print(..., file=sys.stderr)`; printing into a file or buffer is not logging and is not reported).',
      node: 'Use the app logger (`req.log` with pino-http, `fastify.log`, Nest `Logger`) instead of `console.log`; `logger.info({ noteId }, "summary ready")`.',
    },
    examples: {
      bad: 'print(f"Summary ready for note {note_id}")',
      good: 'logger.info("Summary ready for note %s", note_id)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['logCalls', 'markers', 'files', 'services'],
    confidence: 'high',
  },
  check({ logCalls, markers, files, services }) {
    const servers = new Set(services.filter((s) => s.kind === 'backend' || s.kind === 'worker').map((s) => s.dir));
    const modules = files.filter((f) => f.role === 'app' && BACKEND_CODE.has(f.language) && servers.has(f.service));
    if (modules.length === 0) return notApplicable('no back-end or worker application code');
    if (logCalls.length === 0) {
      const setup = markers.filter((m) => m.kind === 'logging-setup' || m.kind === 'structured-logging').slice(0, 3);
      return pass('No print() / console.log calls in back-end application code', setup.map((m) => m.evidence));
    }
    // One finding per call: the count of findings is the count of calls.
    return fail(
      logCalls.map((c) => ({
        message: `${c.evidence.note ?? (c.kind === 'print' ? 'print()' : 'console call')} writes outside the logging set-up (no level, timestamp or request context)`,
        evidence: [c.evidence],
        stack: c.kind === 'print' ? ('py' as const) : ('node' as const),
      })),
    );
  },
});
