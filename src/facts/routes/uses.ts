/**
 * The primary dependencies a service uses, which a deep health check should touch: a database (a DB
 * driver or ORM imported by its application code), Redis (a client constructed in its code, or a
 * Redis cache backend in Django settings), and a task broker (a Celery app, a BullMQ/RQ queue).
 * A Redis package that is only Celery's transport is not counted as a cache.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite } from '../code/model.js';
import type { Dependency } from '../fact-map.js';
import type { Program } from './program.js';
import { RL_PACKAGES } from './node-guards.js';
import { packageOf } from './receivers.js';

export interface ServiceUses {
  database: Evidence | null;
  cache: Evidence | null;
  broker: Evidence | null;
  /** The broker runs on Redis (BullMQ, RQ, or Celery configured with the same URL as a Redis client). */
  brokerOnRedis: boolean;
}

const DB_IMPORT = /^(sqlalchemy|sqlmodel|flask_sqlalchemy|psycopg2?|asyncpg|pymongo|motor|MySQLdb|pymysql|aiomysql|databases|tortoise|peewee|beanie|odmantic|django\.db|pg|postgres|mysql2?|mongodb|mongoose|@prisma\/client|typeorm|@nestjs\/typeorm|@nestjs\/mongoose|sequelize|sequelize-typescript|knex|drizzle-orm|kysely|@mikro-orm\/[\w-]+)(\.|\/|$)/;
const DB_DEP = /^(sqlalchemy|sqlmodel|flask-sqlalchemy|psycopg2|psycopg2-binary|psycopg|asyncpg|pymongo|motor|mysqlclient|pymysql|aiomysql|databases|tortoise-orm|peewee|beanie|odmantic|django|pg|postgres|mysql|mysql2|mongodb|mongoose|prisma|@prisma\/client|typeorm|@nestjs\/typeorm|@nestjs\/mongoose|sequelize|sequelize-typescript|knex|drizzle-orm|kysely|@mikro-orm\/core)$/;
const REDIS_CTOR = /^(redis|aioredis|ioredis|@upstash\/redis|@redis\/client|valkey|iovalkey)(\.(asyncio\.)?((Redis|StrictRedis)(\.(from_url|fromEnv))?|from_url|createClient|default|Cluster|RedisCluster))$/;
const BROKER_CTOR = /^(celery\.Celery|bullmq\.Queue|bull\.default|bull\.Queue|rq\.Queue)$/;

/** Names a Redis client or broker constructor call ends with (`new Redis`, `redis.from_url`, `Celery`, `new Queue`). */
const CTOR_NAMES = /^(Redis|StrictRedis|from_url|fromEnv|createClient|Cluster|RedisCluster|Celery|Queue|default)$/;

/** A constructor argument's text, to compare the Redis URL with the broker URL. */
function urlArg(c: CallSite, key: string): string | undefined {
  return (c.kwargs[key] ?? c.kwargs.url ?? c.args[0])?.text;
}

export function serviceUses(prog: Program, service: string, deps: Dependency[]): ServiceUses {
  const out: ServiceUses = { database: null, cache: null, broker: null, brokerOnRedis: false };
  const redisUrls = new Set<string>();
  let celeryBroker: string | undefined;
  for (const model of prog.repo.models.values()) {
    const f = prog.repo.file(model.file);
    if (!f || f.role !== 'app' || f.service !== service) continue;
    if (!out.database) {
      const imp = model.imports.find((i) => DB_IMPORT.test(i.module));
      if (imp) {
        const dep = deps.find((d) => DB_DEP.test(d.name) && !d.dev && prog.repo.file(d.evidence.file)?.service === service);
        out.database = dep ? { ...dep.evidence, note: `${dep.name} dependency` } : prog.repo.ev(model.file, imp.line, { note: 'database library imported' });
      }
    }
    // A Redis client built only as a rate limiter's store (`new Ratelimit({ redis: Redis.fromEnv() })`) is not an app dependency.
    const limiterStore = new Set<number>();
    for (const c of model.calls) {
      if (!c.args.some((a) => a.kind === 'dict') || !RL_PACKAGES.has(packageOf(prog, model.file, c.callee)?.module ?? '')) continue;
      for (const a of c.args) for (const e of a.entries ?? []) if (e.value.call !== undefined) limiterStore.add(e.value.call);
    }
    model.calls.forEach((c, idx) => {
      if (!CTOR_NAMES.test(c.name) || !/^(new\s+)?[\w$.]+$/.test(c.callee) || limiterStore.has(idx)) return;
      const pkg = packageOf(prog, model.file, c.callee)?.path ?? '';
      if (REDIS_CTOR.test(pkg) && (c.isNew || !/default$/.test(pkg))) {
        out.cache ??= prog.repo.ev(model.file, c.line, { note: 'Redis client' });
        const u = urlArg(c, 'host');
        if (u) redisUrls.add(u);
      } else if (BROKER_CTOR.test(pkg)) {
        out.broker ??= prog.repo.ev(model.file, c.line, { note: pkg.split('.')[0] });
        if (pkg.startsWith('celery')) celeryBroker = (c.kwargs.broker ?? c.args[1])?.text;
        else out.brokerOnRedis = true;
      }
    });
    // Django: CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", ...}}
    for (const a of model.assignments) {
      if (a.scope !== 'module' || a.target !== 'CACHES' || a.value.kind !== 'dict') continue;
      for (const e of a.value.entries ?? []) {
        const backend = e.value.entries?.find((x) => x.key === 'BACKEND')?.value;
        if (backend && /redis/i.test(backend.value ?? '')) out.cache ??= prog.repo.ev(model.file, backend.line, { note: 'Redis cache backend' });
      }
    }
  }
  if (celeryBroker && redisUrls.has(celeryBroker)) out.brokerOnRedis = true;
  return out;
}
