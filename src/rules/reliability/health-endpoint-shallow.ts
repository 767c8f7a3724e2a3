import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { isHealthRoute } from '../../core/rule-support/health-routes.js';
import { defineRule, fail, notApplicable, pass, type Finding } from '../../core/rule.js';
import type { Route } from '../../facts/fact-map.js';

const stackOf = fixKeyForFramework;


type Dep = 'database' | 'cache' | 'broker';
const DEPS: Dep[] = ['database', 'cache', 'broker'];
const LABEL: Record<Dep, string> = { database: 'the database', cache: 'Redis', broker: 'the task broker' };

function needed(r: Route): Dep[] {
  return DEPS.filter((d) => r.uses?.[d]);
}

function missing(r: Route): Dep[] {
  return needed(r).filter((d) => !r.touches[d]);
}

function list(deps: Dep[]): string {
  const names = deps.map((d) => LABEL[d]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

export default defineRule({
  meta: {
    id: 'health-endpoint-shallow',
    area: 'reliability',
    severity: 'medium',
    title: 'The health endpoint checks the dependencies the app needs',
    failureTitle: 'The health endpoint does not check the app\'s dependencies',
    why:
      'A health route that only returns `{"status": "ok"}` says the process is running, not that it can serve: when the database, Redis or the task broker is unreachable, every real request fails while the platform keeps routing traffic to the instance and reports the deploy healthy. ' +
      'A readiness check that runs a trivial query against each primary dependency (with a short timeout) takes a broken instance out of rotation and makes outages visible to monitors.',
    fix: {
      default: 'In the health (or readiness) route, run a cheap check against each primary dependency with a short timeout (`SELECT 1`, Redis `PING`, a broker connection check) and answer 503 when one fails. Keep a separate shallow liveness route if the platform restarts on failure.',
      fastapi: 'In the health route: `async with engine.connect() as conn: await conn.execute(text("SELECT 1"))`, `await redis.ping()`, and for Celery `celery_app.control.ping(timeout=1)` (or `celery_app.connection().ensure_connection(max_retries=1)`); return `JSONResponse({"status": "unhealthy", ...}, status_code=503)` on failure.',
      flask: 'In the health view: `db.session.execute(text("SELECT 1"))`, `redis_client.ping()`, `celery.control.ping(timeout=1)`; return `({"status": "unhealthy"}, 503)` on failure.',
      django: 'Use django-health-check (`health_check.db`, `health_check.cache`, `health_check.contrib.celery`) or call `connection.ensure_connection()` and `cache.set/get` in the view.',
      express: 'In the health handler: `await pool.query("SELECT 1")` (or `await prisma.$queryRaw\\`SELECT 1\\``), `await redis.ping()`, `await queue.getJobCounts()`; respond 503 when one throws.',
      fastify: 'In the health handler: `await app.pg.query("SELECT 1")`, `await app.redis.ping()`; reply 503 when one throws.',
      nestjs: 'With @nestjs/terminus: `this.health.check([() => this.db.pingCheck("database"), () => this.microservice.pingCheck("redis", { transport: Transport.REDIS })])`.',
      nextjs: 'In `app/api/health/route.ts`: `await prisma.$queryRaw\\`SELECT 1\\`` and return `Response.json({ status: "unhealthy" }, { status: 503 })` on failure.',
    },
    examples: {
      bad: '@router.get("/health")\nasync def health():\n    return {"status": "ok"}',
      good: '@router.get("/health")\nasync def health(session: AsyncSession = Depends(get_session)):\n    await session.execute(text("SELECT 1"))\n    await redis.ping()\n    return {"status": "ok"}',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes'],
    confidence: 'medium',
  },
  check({ routes }) {
    const health = routes.filter((r) => isHealthRoute(r) && r.handler);
    if (health.length === 0) return notApplicable(routes.some(isHealthRoute) ? 'the health route is provided by a library' : 'no health route');
    if (health.every((r) => needed(r).length === 0)) return notApplicable('the app uses no database, Redis or task broker to check');
    // Per service (the `uses` it reports): the deepest health route decides; a shallow liveness beside a deep readiness is fine.
    const groups = new Map<string, Route[]>();
    for (const r of health) {
      const key = DEPS.map((d) => `${r.uses?.[d]?.file ?? ''}:${r.uses?.[d]?.line ?? ''}`).join('|');
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const group of groups.values()) {
      const best = [...group].sort((a, b) => missing(a).length - missing(b).length)[0];
      const gaps = missing(best);
      if (gaps.length === 0) {
        strengths.push(best.evidence, ...DEPS.map((d) => best.touches[d]).filter((e): e is Evidence => !!e));
        continue;
      }
      const checked = needed(best).filter((d) => best.touches[d]);
      const stack = stackOf(best.framework);
      findings.push({
        message: `${best.method} ${best.path} does not check ${list(gaps)}${checked.length ? ` (it checks ${list(checked).replace(' or ', ' and ')})` : ''}: it reports healthy while ${gaps.length === 1 ? 'that dependency is' : 'those dependencies are'} down`,
        evidence: [best.evidence, ...gaps.map((d) => best.uses?.[d]).filter((e): e is Evidence => !!e)],
        ...(stack ? { stack } : {}),
      });
    }
    if (findings.length > 0) return fail(findings);
    const unique = [...new Map(strengths.map((e) => [`${e.file}:${e.line}`, e])).values()];
    return pass('The health route checks every primary dependency', unique);
  },
});
