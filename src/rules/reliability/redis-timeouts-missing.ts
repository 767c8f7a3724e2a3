import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'redis-timeouts-missing',
    area: 'reliability',
    severity: 'low',
    title: 'Redis clients bound connects and commands with timeouts',
    failureTitle: 'Redis clients without socket timeouts',
    why:
      'Redis sits on the hot path (cache, sessions, rate limits, locks), so a Redis that stops answering — failover, network partition, a saturated instance — must fail fast. redis-py has no socket timeout by default: a command waits forever and holds the request (and its worker) with it. ioredis bounds connects (10 s) but not commands unless `commandTimeout` is set. ' +
      'Options passed through `**settings`, a variable or a spread object are assumed to carry timeouts; node-redis is not reported (its connect timeout defaults to 5 s), nor an ioredis connection with `maxRetriesPerRequest: null` (the connection BullMQ workers block on, where a command timeout would break the blocking reads). A client built on a pool (`connection_pool=`) is judged at the pool. Connections Celery or BullMQ open internally are out of scope: only clients the code builds.',
    fix: {
      default: 'Give every Redis client a connect timeout and a command (socket) timeout of a few seconds, and handle the timeout error (serve without cache, fail the request).',
      py: '`redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2, retry_on_timeout=True, health_check_interval=30)` (the same for `redis.asyncio` and `ConnectionPool`).',
      node: '`new Redis(process.env.REDIS_URL, { connectTimeout: 5_000, commandTimeout: 2_000 })` (ioredis).',
    },
    examples: {
      bad: 'cache = redis.Redis.from_url(settings.redis_url)',
      good: 'cache = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=2)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['redisClients'],
    confidence: 'high',
  },
  check({ redisClients }) {
    if (redisClients.length === 0) return notApplicable('the application code builds no Redis client');
    const open = redisClients.filter((c) => c.missing !== null);
    if (open.length === 0) return pass(`${plural(redisClients.length, 'Redis client')} with bounded connects and commands`, redisClients.flatMap((c) => c.timeouts));
    return fail(
      open.map((c) => ({
        message: `${c.library === 'redis-py' ? 'Redis client' : `${c.library} client`} ${c.missing}`,
        evidence: [c.evidence],
        stack: c.family,
      })),
    );
  },
});
