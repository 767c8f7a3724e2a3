/**
 * Error logs inside except / catch blocks that keep only the exception's message: the traceback
 * (where it failed) is lost. Reported when the call logs at error level, mentions the caught
 * exception, and nothing carries the stack:
 * - Python: `logger.error(f"... {e}")`, `logging.error(str(e))`, `log.critical("%s", e)` without
 *   `exc_info` / `stack_info`, `traceback.format_exc()` or loguru's `logger.opt(exception=...)`;
 *   `logger.exception(...)` is the fix and never reported.
 * - JS/TS: `console.error(err.message)`, `logger.error(\`${err.message}\`)` — passing the error object
 *   itself (`console.error(err)`, `logger.error({ err }, 'msg')`, `{ error: err }`) or `err.stack` keeps it.
 * Calls that do not mention the caught exception (a plain "payment failed") are left alone: the check
 * is about dropping a traceback the code had in hand. So are blocks that raise the caught error again
 * (`logger.error(e); raise`): the traceback goes on up.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { walkValue, type Scanned } from './scan.js';

const PY_LEVELS = new Set(['error', 'critical']);
/** The receiver of a logging call: `logging`, `logger`, `log`, `self.logger`, `app.logger`, `LOGGER`, `_log`, `audit_logger`. */
const PY_RECEIVER = /(^|\.)(logging|_*log|_*logger|\w+_log(ger)?)$/i;
const JS_RECEIVER = /(^|\.)(console|_*log|_*logger|\w*Logger)$/i;

export function exceptionLogs(repo: RepoContext, files: readonly Scanned[]): OpsSignals['exceptionLogs'] {
  const out: OpsSignals['exceptionLogs'] = [];
  for (const s of files) {
    const m = s.model;
    for (const c of m.calls) {
      if (c.handler === undefined) continue;
      const alias = m.handlers[c.handler]?.alias;
      // A block that raises the caught error again hands its traceback on to whoever catches it.
      if (!alias || m.handlers[c.handler].reraises) continue;
      // Another log call in the same block that records the traceback (`log.debug(..., exc_info=True)`) keeps it.
      if (s.python && m.calls.some((x) => x.handler === c.handler && (x.name === 'exception' || isTraceKw(x.kwargs.exc_info) || !!x.kwargs.stack_info))) continue;
      const why = s.python ? pythonDrops(c, alias) : jsDrops(c, alias);
      if (why) out.push({ evidence: repo.ev(m.file, c.line, { endLine: c.endLine, note: `${c.callee}() ${why}${where(m, c)}` }) });
    }
  }
  return out;
}

function isTraceKw(v: Value | undefined): boolean {
  return !!v && !(v.kind === 'bool' && v.value === 'false') && v.kind !== 'none';
}

function mentions(text: string, alias: string): boolean {
  return new RegExp(`(^|[^\\w.])${alias.replace(/\$/g, '\\$')}\\b`).test(text);
}

function pythonDrops(c: CallSite, alias: string): string | null {
  if (!PY_LEVELS.has(c.name)) return null;
  const receiver = c.callee.slice(0, -(c.name.length + 1));
  if (!PY_RECEIVER.test(receiver) || c.callee.includes('opt()')) return null;
  const exc = c.kwargs.exc_info;
  if (exc && !(exc.kind === 'bool' && exc.value === 'false') && exc.kind !== 'none') return null;
  if (c.kwargs.stack_info) return null;
  const texts = [...c.args, ...Object.values(c.kwargs)].map((a) => a.text);
  if (texts.some((t) => /traceback|format_exc|format_exception/.test(t))) return null;
  if (!texts.some((t) => mentions(t, alias))) return null;
  return `logs only the message of \`${alias}\`: no exc_info, so the traceback is lost`;
}

function jsDrops(c: CallSite, alias: string): string | null {
  if (c.name !== 'error') return null;
  const receiver = c.callee.slice(0, -(c.name.length + 1));
  if (!JS_RECEIVER.test(receiver)) return null;
  let mentioned = false;
  for (const arg of c.args) {
    for (const v of walkValue(arg)) {
      // The error object itself (positional, or as an object value / shorthand) keeps its stack.
      if (v.text === alias || v.text === `${alias}.stack` || v.text.includes(`${alias}.stack`)) return null;
      if (mentions(v.text, alias)) mentioned = true;
    }
  }
  return mentioned ? `logs only the message of \`${alias}\`, not the error object, so the stack trace is lost` : null;
}

function where(m: CodeModel, c: CallSite): string {
  let f = c.fn;
  while (f >= 0 && !m.functions[f].name) f = m.functions[f].parent;
  return f >= 0 ? ` (in ${m.functions[f].name}())` : '';
}
