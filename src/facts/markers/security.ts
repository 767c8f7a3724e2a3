/**
 * Rate-limiter markers: where a limiter is actually applied (a route decorator or dependency, route
 * middleware, `app.use(limiter)`, slowapi/flask-limiter defaults, @fastify/rate-limit registration,
 * a Nest ThrottlerGuard, a limiter consumed in a handler). A limiter object created but never applied
 * is not a marker. Scope 'app' when it covers every route of its service.
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { extractRoutes } from '../routes/index.js';
import { proxyRateLimits } from '../routes/proxy.js';

export function securityMarkers(repo: RepoContext, facts: FactMap): Marker[] {
  const ex = extractRoutes(repo);
  const out: Marker[] = [];
  const seen = new Set<string>();
  const add = (m: Marker) => {
    const key = `${m.evidence.file}:${m.evidence.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  const detail = (note: string | undefined) => note ?? 'rate limiter';
  for (const s of ex.serviceLimits) add({ kind: 'rate-limiter', detail: s.detail, evidence: s.evidence, scope: s.drfOnly ? 'route' : 'app' });
  for (const u of ex.uses) {
    if (!u.rateLimit) continue;
    const app = ex.objects.get(u.owner)?.kind === 'app' && u.path === null;
    add({ kind: 'rate-limiter', detail: detail(u.rateLimit.note), evidence: u.rateLimit, scope: app ? 'app' : 'route' });
  }
  for (const o of ex.objects.values()) if (o.rateLimit) add({ kind: 'rate-limiter', detail: detail(o.rateLimit.note), evidence: o.rateLimit, scope: o.kind === 'app' ? 'app' : 'route' });
  for (const m of ex.mounts) if (m.rateLimit) add({ kind: 'rate-limiter', detail: detail(m.rateLimit.note), evidence: m.rateLimit, scope: 'route' });
  for (const l of ex.limiterUsages) add({ kind: 'rate-limiter', detail: l.detail, evidence: l.evidence, scope: 'route' });
  for (const e of proxyRateLimits(repo)) add({ kind: 'rate-limiter', detail: 'nginx limit_req', evidence: e, scope: 'repo' });
  for (const r of facts.routes) if (r.rateLimit) add({ kind: 'rate-limiter', detail: detail(r.rateLimit.note), evidence: r.rateLimit, scope: 'route' });
  return out;
}

