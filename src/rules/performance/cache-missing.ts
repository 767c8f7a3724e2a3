import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';

const MAX_ROUTES = 8;

export default defineRule({
  meta: {
    id: 'cache-missing',
    area: 'performance',
    severity: 'low',
    title: 'Read-heavy aggregate data is cached',
    failureTitle: 'Aggregation routes recompute on every request, with no cache anywhere',
    why: 'Counts, sums and grouped reports scan many rows; served from a GET route they run again on every page view, dashboard refresh and client poll. With no cache anywhere in the application, the database does that work each time, and a few busy dashboards become the heaviest load on it. Caching the result for even 30–60 seconds (Redis, an in-process TTL cache, or HTTP Cache-Control) removes most of it. Only GET routes whose handler (or a function it calls) runs an aggregate query are listed.',
    fix: {
      default: 'Cache aggregate results for a short TTL (Redis or an in-process TTL cache), or send `Cache-Control: private, max-age=60` on those GET responses.',
      fastapi: 'Use fastapi-cache2 (`@cache(expire=60)` on the route, `FastAPICache.init(RedisBackend(redis))` at startup), or a `cachetools.TTLCache` around the aggregate query.',
      flask: 'Use Flask-Caching: `cache = Cache(app, config={"CACHE_TYPE": "RedisCache"})` and `@cache.cached(timeout=60)` on the route.',
      django: 'Configure `CACHES` (Redis) and wrap the view with `@cache_page(60)`, or cache the aggregate with `cache.get_or_set(key, compute, 60)`.',
      express: "Cache the result in Redis (`await redis.set(key, JSON.stringify(stats), 'EX', 60)`) or use `apicache.middleware('1 minute')` on the route.",
      fastify: 'Register `@fastify/caching` or keep the aggregate in Redis / an lru-cache with a TTL.',
      nestjs: 'Use `CacheModule.register({ ttl: 60_000 })` from `@nestjs/cache-manager` and `@UseInterceptors(CacheInterceptor)` on the controller.',
      nextjs: 'Wrap the query with `unstable_cache(fn, [key], { revalidate: 60 })` or set `export const revalidate = 60` on the route.',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['caching'],
    confidence: 'medium',
  },
  check({ caching }) {
    const { caches, aggregateRoutes } = caching;
    if (caches.length > 0) {
      return pass(`Caching in place: ${[...new Set(caches.map((c) => c.detail))].slice(0, 4).join(', ')}`, caches.slice(0, 5).map((c) => c.evidence));
    }
    if (aggregateRoutes.length === 0) return notApplicable('no GET route runs an aggregate query');
    const shown = aggregateRoutes.slice(0, MAX_ROUTES);
    const list = shown.map((r) => `${r.method} ${r.path}`).join(', ');
    const more = aggregateRoutes.length > shown.length ? ` and ${aggregateRoutes.length - shown.length} more` : '';
    return fail([
      {
        message: `${plural(aggregateRoutes.length, 'GET route')} run${aggregateRoutes.length === 1 ? 's' : ''} aggregate queries on every request and the application has no cache at all: ${list}${more}`,
        evidence: shown.flatMap((r) => [r.route, r.aggregate]),
        stack: fixKeyForFramework(shown[0].framework),
      },
    ]);
  },
});
