import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { isHealthRoute } from '../../core/rule-support/health-routes.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { AppEntry, Route } from '../../facts/fact-map.js';

const stackOf = fixKeyForFramework;
const ENTRY_NAMES = /(^|\/)(main|app|server|index|asgi|wsgi|settings)\.[a-z]+$/;


export default defineRule({
  meta: {
    id: 'health-endpoint-missing',
    area: 'reliability',
    severity: 'high',
    title: 'A health endpoint is exposed',
    failureTitle: 'No health endpoint',
    why:
      'Load balancers, container platforms (Kubernetes, ECS, Fly.io, Railway, Render) and uptime monitors decide whether an instance should get traffic by calling a health URL. ' +
      'Without one they either probe a real page (slow, authenticated, or side-effecting) or only check that the port is open, so a process that is up but cannot serve (lost database, stuck event loop) keeps receiving requests and deploys are marked healthy before they are.',
    fix: {
      default: 'Add a cheap unauthenticated `GET /health` route that returns 200 when the instance can serve (and checks its database), and point the platform\'s health check at it.',
      fastapi: 'Add `@app.get("/health")` returning `{"status": "ok"}` after a `SELECT 1` on the engine, and set it as the platform health check path.',
      flask: 'Add `@app.get("/health")` that runs `db.session.execute(text("SELECT 1"))` and returns `{"status": "ok"}`.',
      django: 'Add `path("health/", health)` with a view that calls `connection.ensure_connection()`, or install django-health-check.',
      express: 'Add `app.get("/health", async (req, res) => { await pool.query("SELECT 1"); res.json({ status: "ok" }); })` before auth middleware.',
      fastify: 'Add `app.get("/health", async () => ({ status: "ok" }))` (or @fastify/under-pressure\'s status route).',
      nestjs: 'Use @nestjs/terminus: a `HealthController` with `@Get("health") @HealthCheck()` calling `this.health.check([() => this.db.pingCheck("database")])`.',
      nextjs: 'Add `app/api/health/route.ts` exporting `GET` that returns `Response.json({ status: "ok" })`.',
    },
    examples: {
      good: '@app.get("/health")\nasync def health():\n    await db.execute(text("SELECT 1"))\n    return {"status": "ok"}',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['routes', 'appEntries', 'files'],
    confidence: 'high',
  },
  check({ routes, appEntries, files }) {
    if (routes.length === 0) return notApplicable('no HTTP routes found');
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const svc = (file: string) => serviceOf.get(file) ?? '';
    const byService = new Map<string, Route[]>();
    for (const r of routes) byService.set(svc(r.evidence.file), [...(byService.get(svc(r.evidence.file)) ?? []), r]);
    // A Next.js front end with a few API routes beside a real back end is not what the platform probes.
    const hasBackend = routes.some((r) => r.framework !== 'nextjs');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const [service, svcRoutes] of [...byService].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (hasBackend && svcRoutes.every((r) => r.framework === 'nextjs')) continue;
      const health = svcRoutes.filter(isHealthRoute);
      if (health.length > 0) {
        strengths.push(...health.map((r) => r.evidence));
        continue;
      }
      const frameworks = new Set(svcRoutes.map((r) => r.framework));
      const entry = anchor(appEntries.filter((e) => svc(e.evidence.file) === service && frameworks.has(e.framework)));
      const stack = stackOf(svcRoutes[0].framework);
      findings.push({
        message: `None of the ${plural(svcRoutes.length, 'route')}${service === '' ? '' : ` in ${service}/`} is a health endpoint (/health, /healthz, /ready…)`,
        evidence: [entry ?? svcRoutes[0].evidence],
        ...(stack ? { stack } : {}),
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass(`Health endpoint exposed (${plural(strengths.length, 'route')})`, strengths);
  },
});

function anchor(entries: AppEntry[]): Evidence | undefined {
  const sorted = [...entries].sort((a, b) => Number(ENTRY_NAMES.test(b.evidence.file)) - Number(ENTRY_NAMES.test(a.evidence.file)) || (a.evidence.file < b.evidence.file ? -1 : 1));
  return sorted[0]?.evidence;
}
