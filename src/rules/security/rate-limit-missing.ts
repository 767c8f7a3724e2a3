import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';
import type { AppEntry, Framework, Route } from '../../facts/fact-map.js';

const FIX_STACKS = new Set<string>(['fastapi', 'flask', 'django', 'express', 'fastify', 'nestjs', 'nextjs']);
const stackOf = (f: Framework): FixKey | undefined => (f === 'starlette' ? 'fastapi' : FIX_STACKS.has(f) ? (f as FixKey) : f === 'koa' || f === 'hono' ? 'node' : undefined);
const ENTRY_NAMES = /(^|\/)(main|app|server|index|asgi|wsgi|settings)\.[a-z]+$/;

export default defineRule({
  meta: {
    id: 'rate-limit-missing',
    area: 'security',
    severity: 'high',
    title: 'Requests are rate limited',
    failureTitle: 'No rate limiting',
    why:
      'Without a rate limit, one client can send as many requests as the server accepts: password guessing on the login route runs at full speed, a scraper or a retry loop takes the whole API down for everyone, and every paid call behind a route (email, SMS, model APIs) can be triggered thousands of times. ' +
      'A limiter per client (IP, user or API key) caps the damage and turns abuse into 429 responses instead of an outage or a bill.',
    fix: {
      default: 'Add a rate limiter keyed by client (IP, user or API key): a default limit for the whole app and stricter limits on login, signup and expensive routes. Back it with Redis when the app runs more than one instance.',
      fastapi: 'Use slowapi: `limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])`, `app.state.limiter = limiter`, `app.add_middleware(SlowAPIMiddleware)`, and `@limiter.limit("5/minute")` on login (the route needs a `request: Request` parameter). fastapi-limiter (`Depends(RateLimiter(times=5, seconds=60))`) works too.',
      flask: 'Use Flask-Limiter: `limiter = Limiter(get_remote_address, app=app, default_limits=["200 per hour"], storage_uri=os.environ["REDIS_URL"])` and `@limiter.limit("5 per minute")` on the login view.',
      django: 'For DRF set `DEFAULT_THROTTLE_CLASSES` and `DEFAULT_THROTTLE_RATES` in `REST_FRAMEWORK`; for plain views use django-ratelimit: `@ratelimit(key="ip", rate="5/m", block=True)`.',
      express: 'Use express-rate-limit: `app.use(rateLimit({ windowMs: 60_000, limit: 100, standardHeaders: "draft-7" }))` before the routes, plus a stricter limiter on `/login`; use a Redis store (rate-limit-redis) with several instances.',
      fastify: 'Register @fastify/rate-limit: `await app.register(rateLimit, { max: 100, timeWindow: "1 minute" })`, and per-route `config: { rateLimit: { max: 5, timeWindow: "1 minute" } }` on login.',
      nestjs: 'Import `ThrottlerModule.forRoot([{ ttl: 60_000, limit: 100 }])` and bind the guard globally: `{ provide: APP_GUARD, useClass: ThrottlerGuard }`; tighten routes with `@Throttle(...)`.',
      nextjs: 'Limit in `middleware.ts` or in each route handler with @upstash/ratelimit: `const { success } = await ratelimit.limit(ip); if (!success) return new Response("Too many requests", { status: 429 })`.',
      node: 'Add a limiter middleware (rate-limiter-flexible, hono-rate-limiter, koa-ratelimit) before the routes.',
    },
    examples: {
      bad: 'app = express();\napp.post("/login", login);',
      good: 'app = express();\napp.use(rateLimit({ windowMs: 60_000, limit: 100 }));\napp.post("/login", rateLimit({ windowMs: 60_000, limit: 5 }), login);',
      lang: 'ts',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes', 'markers', 'appEntries', 'files'],
    confidence: 'medium',
  },
  check({ routes, markers, appEntries, files }) {
    if (routes.length === 0) return notApplicable('no HTTP routes found');
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const svc = (file: string) => serviceOf.get(file) ?? '';
    const byService = new Map<string, Route[]>();
    for (const r of routes) byService.set(svc(r.evidence.file), [...(byService.get(svc(r.evidence.file)) ?? []), r]);
    const limiters = markers.filter((m) => m.kind === 'rate-limiter');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const [service, svcRoutes] of [...byService].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      // A reverse proxy's limit (scope 'repo') covers every service behind it.
      const here = limiters.filter((m) => m.scope === 'repo' || svc(m.evidence.file) === service).sort((a, b) => (a.scope === 'app' ? 0 : 1) - (b.scope === 'app' ? 0 : 1));
      const limited = svcRoutes.filter((r) => r.rateLimit);
      if (here.length > 0 || limited.length > 0) {
        strengths.push(...here.map((m) => m.evidence), ...limited.map((r) => r.rateLimit as Evidence));
        continue;
      }
      const frameworks = new Set(svcRoutes.map((r) => r.framework));
      const entry = anchor(appEntries.filter((e) => svc(e.evidence.file) === service && frameworks.has(e.framework)));
      const where = service === '' ? '' : ` in ${service}/`;
      const stack = stackOf(svcRoutes[0].framework);
      findings.push({
        message: `No rate limiting on any of the ${plural(svcRoutes.length, 'route')}${where}: no limiter middleware, decorator, dependency or guard is applied`,
        evidence: [entry ?? svcRoutes[0].evidence],
        ...(stack ? { stack } : {}),
      });
    }
    if (findings.length > 0) return fail(findings);
    const unique = [...new Map(strengths.map((e) => [`${e.file}:${e.line}`, e])).values()];
    return pass(`Rate limiting applied (${plural(unique.length, 'place')})`, unique.slice(0, 8));
  },
});

/** Where the fix goes: the app entry, preferring main/app/server modules. */
function anchor(entries: AppEntry[]): Evidence | undefined {
  const sorted = [...entries].sort((a, b) => Number(ENTRY_NAMES.test(b.evidence.file)) - Number(ENTRY_NAMES.test(a.evidence.file)) || (a.evidence.file < b.evidence.file ? -1 : 1));
  return sorted[0]?.evidence;
}
