/**
 * What one call site does, for the code a route runs: query the database, talk to Redis, check the
 * task broker, make an outbound HTTP request, or apply a rate limit in the handler itself
 * (`limiter.consume(ip)`, Upstash `ratelimit.limit(id)`, `check_rate_limit(user)`).
 * Receivers are traced to their constructor or package when possible (receivers.ts), and otherwise
 * recognised by conventional names (`session`, `db`, `pool`, `redis`).
 */
import type { CallSite, CodeModel } from '../code/model.js';
import { isRateLimitName } from './names.js';
import { limiterInstance } from './node-guards.js';
import type { Program } from './program.js';
import { originOf, originPackage, packageOf } from './receivers.js';

const REDIS_PKG = /^(redis|aioredis|ioredis|@upstash\/redis|@redis\/client|valkey|iovalkey)(\.|$)/;
const DB_PKG = /^(sqlalchemy|sqlmodel|flask_sqlalchemy|psycopg2?|asyncpg|pymongo|motor|MySQLdb|pymysql|aiomysql|databases|tortoise|peewee|django\.db|pg|postgres|mysql2?|mongodb|mongoose|@prisma\/client|typeorm|sequelize|knex|drizzle-orm|kysely|@mikro-orm\/[\w-]+)(\.|\/|$)/;
const HTTP_PKG: [RegExp, string][] = [
  [/^requests(\.|$)/, 'requests'],
  [/^httpx(\.|$)/, 'httpx'],
  [/^aiohttp(\.|$)/, 'aiohttp'],
  [/^urllib(3)?(\.|$)/, 'urllib'],
  [/^axios(\.|$)/, 'axios'],
  [/^got(\.|$)/, 'got'],
  [/^(ky|undici|node-fetch|superagent)(\.|$)/, 'fetch'],
  [/^(node:)?https?(\.|$)/, 'http'],
];
const HTTP_VERBS = /^(get|post|put|patch|delete|head|options|request|stream|send|fetch|urlopen)$/;

const DB_METHODS = /^(execute|exec|exec_driver_sql|scalar|scalars|fetch|fetchval|fetchrow|fetchone|fetchall|query|raw|cursor|ensure_connection|\$queryRaw|\$queryRawUnsafe|\$executeRaw|\$executeRawUnsafe|\$connect|authenticate|command|ping|count|exists|findFirst|findOne|findUnique|get|first|select|connect|begin)$/;
const DB_RECEIVER = /(^|[._])(session|db|database|conn|connection|connections|engine|cursor|cur|pool|client|prisma|knex|sequelize|dataSource|datasource|orm|mongo|mongoose|sql|pg)($|[._\d(\[])/i;
const CACHE_RECEIVER = /redis|cache|valkey|memcache/i;

export type Touch = 'database' | 'cache' | 'broker';

/** `<client>.<model>` where the client traces to @prisma/client (directly, or a repository class extending PrismaClient). */
function prismaClientAt(prog: Program, model: CodeModel, c: CallSite, recv: string): boolean {
  const dot = recv.lastIndexOf('.');
  if (dot <= 0) return false;
  const client = recv.slice(0, dot);
  return /^@prisma\/client(\.|$)/.test(originPackage(prog, originOf(prog, model.file, c.fn, client))?.path ?? '');
}

/** The package a call's receiver was created from, if it can be traced. */
function receiverPackage(prog: Program, model: CodeModel, c: CallSite): string | null {
  const dot = c.callee.lastIndexOf('.');
  if (dot <= 0) return null;
  const recv = c.callee.slice(0, dot).replace(/\(\)$/, '');
  return originPackage(prog, originOf(prog, model.file, c.fn, recv))?.path ?? null;
}

/** Every method name a touch can end with: calls with other names are skipped before any tracing. */
const TOUCH_NAMES = /^(ping|inspect|ensure_connection|connection_for_read|connection_for_write|getJobCounts|getWaitingCount|getActiveCount|getWorkers|isPaused|getJobCountByTypes|get|set|setex|info|exists|incr|echo|dbsize|pingCheck|connect)$/;

/** Prisma model delegate operations: `prisma.user.findMany()`, `this.prismaService.property.count()`. */
const PRISMA_OPS = /^(findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|count|aggregate|groupBy|create|createMany|update|updateMany|upsert|delete|deleteMany)$/;

const RQ_WORKERS = /^(get_all_workers|all|count)$/;
const RQ_PKG = /^(django_rq|rq)(\.|$)/;

export function touchOf(prog: Program, model: CodeModel, c: CallSite): Touch | null {
  if (!DB_METHODS.test(c.name) && !TOUCH_NAMES.test(c.name) && !PRISMA_OPS.test(c.name) && !RQ_WORKERS.test(c.name) && !c.callee.includes('.control.')) return null;
  const callee = c.callee;
  const recv = callee.includes('.') ? callee.slice(0, callee.lastIndexOf('.')) : '';
  if (PRISMA_OPS.test(c.name) && prismaClientAt(prog, model, c, recv)) return 'database';
  // RQ's worker registry lives in Redis: `len(get_all_workers())` (django-rq), `Worker.count(connection=…)` (rq).
  if (RQ_WORKERS.test(c.name) && RQ_PKG.test(packageOf(prog, model.file, c.callee)?.path ?? '')) return 'cache';
  if (!DB_METHODS.test(c.name) && !TOUCH_NAMES.test(c.name) && !c.callee.includes('.control.')) return null;
  // Broker checks: Celery's control.ping()/inspect(), a Kombu connection, a BullMQ queue's counters.
  if (/\.control\.(ping|inspect)$|\.control\.inspect\(\)\.\w+$|\.connection\(\)\.ensure_connection$|\.connection_for_(read|write)$/.test(callee)) return 'broker';
  if (/^(getJobCounts|getWaitingCount|getActiveCount|getWorkers|isPaused|getJobCountByTypes)$/.test(c.name)) return 'broker';
  const pkg = receiverPackage(prog, model, c);
  if (pkg && REDIS_PKG.test(pkg)) return 'cache';
  if (pkg && /^(celery|kombu|pika|aio_pika|amqplib|bullmq|bull)(\.|$)/.test(pkg) && /ping|ensure_connection|inspect|connect|getJobCounts/.test(c.name)) return 'broker';
  // Receivers recognised by name only when nothing says what they are (an in-memory `cache = {}` is not Redis).
  const plain = !pkg && !literalOrigin(prog, model, c, recv) && !httpClientOf(prog, model, c);
  if ((plain || /^(django\.core\.cache|flask_caching|aiocache)/.test(pkg ?? '')) && CACHE_RECEIVER.test(recv) && /^(ping|get|set|setex|info|exists|incr|echo|dbsize|pingCheck)$/.test(c.name)) return 'cache';
  // Terminus indicators: this.db.pingCheck('database'), this.prisma.pingCheck('prisma', client)
  if (c.name === 'pingCheck') {
    const label = c.args[0]?.value ?? '';
    if (/redis|cache/i.test(label)) return 'cache';
    if (/db|database|postgres|mysql|mongo|prisma|typeorm|sql/i.test(`${label} ${recv}`)) return 'database';
    return null;
  }
  // conn = celery_app.connection(); conn.ensure_connection(max_retries=1)
  if (c.name === 'ensure_connection') {
    const o = originOf(prog, model.file, c.fn, recv);
    if (o?.value?.kind === 'call' && /(^|\.)(connection|broker_connection|connection_for_write|connection_for_read|Connection)$/.test(o.value.callee ?? '') && !/^django/.test(pkg ?? '')) return 'broker';
  }
  if (/^mongoose\.connection\b/.test(callee) && /^(ping|command|db\.admin\(\)\.ping)$/.test(c.name)) return 'database';
  if (!DB_METHODS.test(c.name) || CACHE_RECEIVER.test(recv)) return null;
  if (pkg && DB_PKG.test(pkg)) return 'database';
  if (!plain) return null; // traced to some other package (an HTTP client's .get, …) or to a literal
  // SELECT 1 / text("SELECT 1") as the statement, or a conventional database receiver.
  const sql = c.args[0]?.kind === 'call' && c.args[0].call !== undefined ? model.calls[c.args[0].call].args[0] : c.args[0];
  if (/^\s*select\b/i.test(sql?.value ?? sql?.literal ?? '')) return 'database';
  if (/\.objects\.(exists|count|first)$/.test(callee)) return 'database';
  if (/^(command)$/.test(c.name) && /ping/i.test(c.args[0]?.value ?? '')) return 'database';
  if (/^(get|first|count|exists|select|findFirst|findOne|findUnique|connect|begin|ping)$/.test(c.name)) {
    // Too generic alone: only on a receiver named like a database handle.
    return /^(session|db|prisma|this\.prisma|engine|conn|connection|pool|this\.db|knex|sequelize|this\.dataSource|dataSource)(\.[\w$]+)?$/.test(recv) ? 'database' : null;
  }
  return DB_RECEIVER.test(recv) ? 'database' : null;
}

/** The receiver is a local literal (`cache = {}`), a plain data structure rather than a client. */
function literalOrigin(prog: Program, model: CodeModel, c: CallSite, recv: string): boolean {
  if (!/^[\w$]+$/.test(recv)) return false;
  const v = originOf(prog, model.file, c.fn, recv)?.value;
  return !!v && /^(dict|list|string|number|bool|none|fstring)$/.test(v.kind);
}

/** The HTTP client an outbound call goes through, or null. */
export function httpClientOf(prog: Program, model: CodeModel, c: CallSite): string | null {
  if (c.callee === 'fetch' || c.callee === 'globalThis.fetch') {
    const sym = prog.resolveName(model.file, 'fetch');
    return !sym || sym.kind === 'external' ? 'fetch' : null;
  }
  if (c.callee === 'axios' || c.callee === 'got') return prog.resolveName(model.file, c.callee)?.kind === 'external' ? c.callee : null;
  if (!HTTP_VERBS.test(c.name)) return null;
  const pkg = receiverPackage(prog, model, c);
  const hit = pkg ? HTTP_PKG.find(([re]) => re.test(pkg)) : undefined;
  if (hit) return hit[1];
  // `async with httpx.AsyncClient() as client: await client.get(...)`: the `as` name is not an
  // assignment, so an untraceable receiver next to a client constructor in the same function is that client.
  const recv = c.callee.slice(0, c.callee.lastIndexOf('.'));
  if (pkg || !/^[\w$]+$/.test(recv) || originOf(prog, model.file, c.fn, recv)) return null;
  for (const other of model.calls) {
    if (other.fn !== c.fn || !/^(AsyncClient|Client|ClientSession|Session)$/.test(other.name)) continue;
    const ctor = packageOf(prog, model.file, other.callee)?.path ?? '';
    const client = HTTP_PKG.find(([re]) => re.test(ctor));
    if (client) return client[1];
  }
  return null;
}

/** A rate limit applied by the handler itself: a limiter instance consumed, or a quota/limit helper. */
export function inlineLimit(prog: Program, model: CodeModel, c: CallSite): string | null {
  if (c.name === 'consume' || c.name === 'limit') {
    const recv = c.callee.slice(0, c.callee.lastIndexOf('.')).replace(/^this\./, '');
    const lib = recv ? limiterInstance(prog, model.file, recv, c.fn) : null;
    if (lib) return lib;
  }
  // A helper such as check_rate_limit(user) / enforceQuota(); an error type (RateLimitError) is not one.
  if (/^[\w$.]+$/.test(c.callee) && isRateLimitName(c.name) && !/^(limit|consume)$/.test(c.name) && !/(Error|Exception)$/.test(c.name)) return 'custom rate limiter';
  // A token / leaky bucket class asked for permission: `TokenBucket.authorize_login_email(email)`.
  const recv = c.callee.slice(0, Math.max(0, c.callee.lastIndexOf('.')));
  if (/(^|\.)(Token|Leaky)_?Bucket$/i.test(recv) && /^(authorize|allow|consume|take|check|acquire)/i.test(c.name)) return `token bucket (${c.callee})`;
  return null;
}

