/**
 * Redis clients and pools the application code builds, and whether their socket operations are
 * bounded. What each library does when nothing is set:
 *  - redis-py (`redis.Redis`, `StrictRedis`, `from_url`, `redis.asyncio`, `ConnectionPool`):
 *    socket_timeout=None, so a command waits forever on a server that stops answering;
 *    socket_connect_timeout falls back to socket_timeout, so setting socket_timeout bounds both;
 *  - ioredis (`new Redis()`, `new Cluster()`): connectTimeout defaults to 10 s, but there is no
 *    command timeout unless `commandTimeout` is set;
 *  - node-redis (`createClient()`): socket.connectTimeout defaults to 5 s; recognised and credited,
 *    never reported (its command bound, socket.socketTimeout, exists only in recent versions).
 * Options we cannot read (`**settings`, an options variable, `{ ...opts }`) are never reported.
 * A client built on a pool (`connection_pool=`) is judged at the pool. Broker connections that
 * Celery / BullMQ build internally are out of scope: only clients the code builds itself count.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, RedisClientFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor } from '../routes/program.js';
import { packageOf } from '../routes/receivers.js';
import { appModels } from './scope.js';

const PY_CTOR = /^(redis|aioredis)(\.asyncio)?(\.client|\.cluster)?\.(Redis|StrictRedis|RedisCluster|ConnectionPool|BlockingConnectionPool)(\.from_url)?$|^(redis|aioredis)(\.asyncio)?\.from_url$/;
const IOREDIS = /^ioredis(\.(default|Redis|Cluster|default\.Cluster|Redis\.Cluster))?$/;
const NODE_REDIS = /^(redis|@redis\/client)\.(createClient|createCluster)$/;

export function collectRedisClients(repo: RepoContext, _facts: FactMap): RedisClientFact[] {
  const prog = programFor(repo);
  const out: RedisClientFact[] = [];
  for (const m of appModels(repo)) {
    if (!m.imports.some((i) => /^(redis|aioredis|ioredis|@redis\/client)(\.|$)/.test(i.module))) continue;
    for (const c of m.calls) {
      if (c.callee.includes('(')) continue; // `createClient(...).on(...)`: a call on the client
      const pkg = packageOf(prog, m.file, c.callee);
      if (!pkg) continue;
      const fact =
        m.language === 'python'
          ? PY_CTOR.test(pkg.path) && pythonClient(repo, m, c)
          : IOREDIS.test(pkg.path) && c.isNew
            ? ioredisClient(repo, m, c)
            : NODE_REDIS.test(pkg.path) && nodeRedisClient(repo, m, c);
      if (fact) out.push(fact);
    }
  }
  return out;
}

function pythonClient(repo: RepoContext, m: CodeModel, c: CallSite): RedisClientFact | null {
  if (c.kwargs.connection_pool) return null; // judged where the pool is built
  const ev = repo.ev(m.file, c.line, { endLine: c.endLine });
  const base = { library: 'redis-py' as const, family: 'py' as const, evidence: ev };
  const note = (v: Value, n: string) => repo.ev(m.file, v.line, { note: n });
  if (c.kwargs['**']) return { ...base, timeouts: [repo.ev(m.file, c.line, { note: 'options passed with ** cannot be read' })], missing: null };
  const url = c.args[0];
  if (url?.kind === 'string' && /[?&]socket_timeout=/.test(url.value ?? '')) return { ...base, timeouts: [note(url, 'socket_timeout in the URL')], missing: null };
  const sock = c.kwargs.socket_timeout;
  const conn = c.kwargs.socket_connect_timeout;
  const timeouts = [sock && note(sock, 'socket_timeout'), conn && note(conn, 'socket_connect_timeout')].filter((e): e is Evidence => !!e);
  if (sock && sock.kind !== 'none') return { ...base, timeouts, missing: null };
  const missing = sock
    ? 'sets socket_timeout=None: a command waits forever when Redis stops answering'
    : conn
    ? 'sets socket_connect_timeout but not socket_timeout: a command on an established connection waits forever when Redis stops answering'
    : 'sets neither socket_timeout nor socket_connect_timeout: redis-py has no default, so a connect or a command waits forever when Redis stops answering';
  return { ...base, timeouts, missing };
}

/** The options object of an ioredis / node-redis constructor: a dict, 'opaque' when it may be hidden in a variable or spread. */
function optionsOf(c: CallSite): Value | 'opaque' | null {
  const dict = c.args.find((a) => a.kind === 'dict');
  if (dict) return dict.text.includes('...') ? 'opaque' : dict;
  // `new Redis(process.env.REDIS_URL)`, `new Redis(config.redisUrl)`, `new Redis(6379, host)`: a URL, host or port, not options.
  const urlLike = (a: Value) => a.kind === 'string' || a.kind === 'fstring' || a.kind === 'number' || /^process\.env\.|(url|uri|host|port|dsn)\b/i.test(a.text);
  const opaque = c.args.some((a) => !urlLike(a));
  return opaque ? 'opaque' : null;
}

function entry(v: Value, key: string): Value | undefined {
  for (const e of v.entries ?? []) {
    if (e.key === key) return e.value;
    if (e.value.kind === 'dict' && /^(redisOptions|socket)$/.test(e.key)) {
      const inner = entry(e.value, key);
      if (inner) return inner;
    }
  }
  return undefined;
}

function ioredisClient(repo: RepoContext, m: CodeModel, c: CallSite): RedisClientFact {
  const base = { library: 'ioredis' as const, family: 'node' as const, evidence: repo.ev(m.file, c.line, { endLine: c.endLine }) };
  const opts = optionsOf(c);
  if (opts === 'opaque') return { ...base, timeouts: [repo.ev(m.file, c.line, { note: 'options passed in a variable cannot be read' })], missing: null };
  // `maxRetriesPerRequest: null` is what BullMQ requires of the connections its workers block on:
  // a command timeout would break those blocking reads, so such a connection is not judged.
  const bull = opts ? entry(opts, 'maxRetriesPerRequest') : undefined;
  if (bull?.kind === 'none') return { ...base, timeouts: [repo.ev(m.file, bull.line, { note: 'BullMQ connection (maxRetriesPerRequest: null): blocking commands must not time out' })], missing: null };
  const cmd = opts ? entry(opts, 'commandTimeout') : undefined;
  const conn = opts ? entry(opts, 'connectTimeout') : undefined;
  const timeouts = [cmd && repo.ev(m.file, cmd.line, { note: 'commandTimeout' }), conn && repo.ev(m.file, conn.line, { note: 'connectTimeout' })].filter((e): e is Evidence => !!e);
  if (cmd) return { ...base, timeouts, missing: null };
  const missing = `sets no commandTimeout: ioredis has no command timeout by default, so a command waits until Redis answers${conn ? '' : " (connects are bounded by ioredis' default connectTimeout of 10 s)"}`;
  return { ...base, timeouts, missing };
}

function nodeRedisClient(repo: RepoContext, m: CodeModel, c: CallSite): RedisClientFact {
  const opts = optionsOf(c);
  const set = opts && opts !== 'opaque' ? entry(opts, 'connectTimeout') : undefined;
  return {
    library: 'node-redis',
    family: 'node',
    evidence: repo.ev(m.file, c.line, { endLine: c.endLine }),
    timeouts: [set ? repo.ev(m.file, set.line, { note: 'socket.connectTimeout' }) : repo.ev(m.file, c.line, { note: "node-redis bounds connects with a 5 s default socket.connectTimeout" })],
    missing: null,
  };
}
