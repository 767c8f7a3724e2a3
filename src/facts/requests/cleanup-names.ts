/**
 * Which function names say "cleanup / retention job", and which decorators only wrap a function
 * (cache, retry, tracing) rather than register it somewhere that runs it.
 */
import type { Value } from '../code/model.js';

const VERBS = new Set(['cleanup', 'purge', 'prune', 'vacuum']);
const DELETE_VERBS = new Set(['delete', 'remove', 'drop', 'clear', 'clean']);
const AGED = new Set(['expired', 'old', 'stale', 'outdated', 'orphaned', 'obsolete', 'inactive', 'unused', 'abandoned']);
/** `expire_at`, `expire_time`: a value, not a job. */
const EXPIRE_NOUNS = new Set(['at', 'time', 'date', 'in', 'after', 'seconds', 'minutes', 'hours', 'days', 'delta', 'ttl', 'timestamp', 'datetime', 'on']);
const RETENTION_VERBS = new Set(['apply', 'enforce', 'run', 'execute', 'perform', 'process', 'do', 'handle', 'schedule']);

/** `cleanup_old_files` → [cleanup, old, files]; `purgeExpiredTokens` → [purge, expired, tokens]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/^_+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/_+/)
    .filter(Boolean);
}

/** The name says the function deletes or expires old data: cleanup*, purge*, delete_expired*, *_retention* … */
export function isCleanupName(name: string): boolean {
  if (/^__.*__$/.test(name)) return false;
  const t = nameTokens(name);
  if (t.length === 0) return false;
  if (VERBS.has(t[0])) return true;
  if (t[0] === 'clean' && t[1] === 'up') return true;
  if (DELETE_VERBS.has(t[0]) && t.slice(1).some((x) => AGED.has(x))) return true;
  if (t[0] === 'expire' && t.length > 1 && !EXPIRE_NOUNS.has(t[1])) return true;
  if (t.includes('retention') && RETENTION_VERBS.has(t[0])) return true;
  return false;
}

/** Decorators that wrap without registering: the function still has to be called by someone. */
const WRAPPERS =
  /^(staticmethod|classmethod|property|abstractmethod|abc\.abstractmethod|override|typing\.override|typing_extensions\.override|wraps|functools\.\w+|lru_cache|cache|cached|contextmanager|asynccontextmanager|contextlib\.\w+|retry|tenacity\.retry|backoff\.on_\w+|atomic|transaction\.atomic|timer|timed|traced|trace|observe|logged|deprecated|sync_to_async|async_to_sync|database_sync_to_async|[\w.]*\.start_as_current_span|[\w.]*tracer\.\w+)$/;
/** Task declarations: a task still has to be sent, scheduled or called. */
const TASK_DECORATORS = /^(shared_task|celery\.shared_task|[\w.]*\.task|dramatiq\.actor|actor|job|rq\.job|[\w.]*\.actor)$/;

export function decoratorName(d: Value): string {
  return d.kind === 'call' ? (d.callee ?? '') : d.text.replace(/^@/, '');
}

/** A decorator that makes something else run the function (a route, a scheduler, a CLI, a signal). */
export function registers(d: Value): boolean {
  const n = decoratorName(d);
  return !WRAPPERS.test(n) && !TASK_DECORATORS.test(n);
}

/** A Celery / Dramatiq task declaration; its `name=` is how schedules refer to it. */
export function taskName(d: Value, call: { kwargs: Record<string, Value> } | undefined): string | undefined {
  if (!TASK_DECORATORS.test(decoratorName(d))) return undefined;
  const n = call?.kwargs.name;
  return n?.kind === 'string' ? n.value : undefined;
}
