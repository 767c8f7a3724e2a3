import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { Marker, Route } from '../../facts/fact-map.js';

/**
 * Words (path segments, split on separators and camelCase, or the handler's name) that make a route
 * a brute-force or abuse target. Password / token / verification words only count on routes without
 * auth: an admin's "reset this user's password" or "create an API token" route is not a guessing target.
 */
const ALWAYS = /^(login|logon|signin|signup|register|registration|otp|2fa|mfa|upload|uploads)$/;
const UNAUTHENTICATED = /^(password|passwd|forgot|reset|token|tokens|refresh|verify|verification|magic)$/;
/** GET /login renders a form and DELETE /token logs out: only writes (and Django's any-method views) are targets. */
const METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Joined words too: `sign-in`, `log_in`, `sign_up`. */
function sensitiveWord(r: Route): string | null {
  const ws = [...words(r.path), ...words(r.handler?.name ?? '')];
  const joined = ws.map((w, i) => w + (ws[i + 1] ?? ''));
  for (const w of [...ws, ...joined]) {
    if (ALWAYS.test(w) || (r.auth === null && UNAUTHENTICATED.test(w))) return w;
  }
  return null;
}

/** `app.use('/v1/auth', authLimiter)`: the mount path of a path-scoped limiter, read from its evidence line. */
function mountPath(m: Marker): string[] | null {
  const match = /\.use\(\s*['"`]([^'"`]+)['"`]/.exec(m.evidence.snippet);
  if (!match) return null;
  return words(match[1]).filter((w) => !/^v\d+$/.test(w) && w !== 'api');
}

/**
 * Whether a limiter that the route fact did not attach still covers the route: an app-wide limiter
 * of its service, a limiter consumed inside its handler, or a limiter mounted on a path prefix the
 * route (or its router file) lives under — route paths miss prefixes joined in loops, so the router
 * file's name is accepted as the prefix.
 */
function coveredBy(r: Route, limiters: Marker[], svc: (f: string) => string): Evidence | null {
  for (const m of limiters) {
    if (m.scope === 'repo' || (m.scope === 'app' && svc(m.evidence.file) === svc(r.evidence.file))) return m.evidence;
    const h = r.handler;
    if (h && m.evidence.file === h.file && m.evidence.line >= h.line && m.evidence.line <= h.endLine) return m.evidence;
    const mount = mountPath(m);
    if (mount && mount.length > 0 && svc(m.evidence.file) === svc(r.evidence.file)) {
      const where = new Set([...words(r.path), ...words(r.evidence.file)]);
      if (mount.every((w) => where.has(w))) return m.evidence;
    }
  }
  return null;
}

export default defineRule({
  meta: {
    id: 'rate-limit-gaps',
    area: 'security',
    severity: 'medium',
    title: 'Sensitive routes are rate limited',
    failureTitle: 'Login, signup, password reset or upload routes are not rate limited',
    why:
      'The app has a rate limiter, but it is not applied to the routes attackers and scripts target first: login and token routes (password guessing and credential stuffing run at full speed), signup and password reset (mass account creation, email and SMS bombing), and uploads (disk, bandwidth and processing cost). ' +
      'These routes need their own, stricter limit, keyed by IP and by account, because a generous app-wide default still allows thousands of guesses an hour.',
    fix: {
      default: 'Apply a strict limiter (a few attempts per minute per IP and per account) to login, signup, password reset, token, OTP and upload routes, in addition to any app-wide default.',
      fastapi: 'With slowapi: `@limiter.limit("5/minute")` on the route (it needs a `request: Request` parameter); with fastapi-limiter: `dependencies=[Depends(RateLimiter(times=5, minutes=1))]`.',
      flask: 'Decorate the view: `@limiter.limit("5 per minute")` (Flask-Limiter), or limit the whole blueprint with `limiter.limit("5 per minute")(auth_bp)`.',
      django: 'Add `@ratelimit(key="ip", rate="5/m", block=True)` (django-ratelimit) to the view, or a `ScopedRateThrottle` with `throttle_scope = "login"` on the DRF view.',
      express: 'Mount a dedicated limiter: `const authLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 10 }); app.use("/auth", authLimiter)` or pass it to `router.post("/login", authLimiter, login)`.',
      fastify: 'Give the route its own limit: `{ config: { rateLimit: { max: 5, timeWindow: "1 minute" } } }` with @fastify/rate-limit registered.',
      nestjs: 'Decorate the handler with `@Throttle({ default: { limit: 5, ttl: 60_000 } })` with ThrottlerGuard bound globally.',
      nextjs: 'At the top of the handler: `const { success } = await ratelimit.limit(ip); if (!success) return new Response("Too many requests", { status: 429 })`.',
    },
    examples: {
      bad: 'router.post("/search", searchLimiter, search);\nrouter.post("/login", login);',
      good: 'router.post("/search", searchLimiter, search);\nrouter.post("/login", rateLimit({ windowMs: 60_000, limit: 5 }), login);',
      lang: 'ts',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes', 'markers', 'files'],
    confidence: 'medium',
  },
  check({ routes, markers, files }) {
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const svc = (file: string) => serviceOf.get(file) ?? '';
    const limiters = markers.filter((m) => m.kind === 'rate-limiter');
    const limitedServices = new Set([...limiters.map((m) => svc(m.evidence.file)), ...routes.filter((r) => r.rateLimit).map((r) => svc(r.evidence.file))]);
    if (limitedServices.size === 0) return notApplicable('no rate limiting at all (rate-limit-missing reports it)');
    // Routes that call a model provider are llm-route-unthrottled's: not reported twice.
    // A view that only renders a page (`login_link_sent`) answers any verb but has nothing to guess or abuse.
    const sensitive = routes.filter((r) => METHODS.has(r.method) && !r.rendersOnly && r.llmCalls.length === 0 && (limitedServices.has(svc(r.evidence.file)) || limiters.some((m) => m.scope === 'repo')) && sensitiveWord(r));
    if (sensitive.length === 0) return notApplicable('no login, signup, password reset, token, OTP or upload route in a service that rate limits');
    const strengths: Evidence[] = [];
    const byRegistration = new Map<string, Route[]>();
    for (const r of sensitive) {
      const cover = r.rateLimit ?? coveredBy(r, limiters, svc);
      if (cover) {
        strengths.push(cover);
        continue;
      }
      const key = `${r.evidence.file}:${r.evidence.line}`;
      byRegistration.set(key, [...(byRegistration.get(key) ?? []), r]);
    }
    if (byRegistration.size === 0) {
      const unique = [...new Map(strengths.map((e) => [`${e.file}:${e.line}`, e])).values()];
      return pass(`${plural(sensitive.length, 'sensitive route')} rate limited`, unique.slice(0, 8));
    }
    const findings: Finding[] = [...byRegistration.values()].map((rs) => {
      const r = rs[0];
      const what = sensitiveWord(r);
      return {
        message: `${rs.map((x) => x.method).join('/')} ${r.path} (${what}) is not rate limited, although the app limits other routes: nothing caps how fast a client can retry it`,
        evidence: [r.evidence],
        stack: fixKeyForFramework(r.framework),
      };
    });
    return fail(findings);
  },
});
