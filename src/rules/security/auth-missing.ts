import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { AppEntry, Dependency, Route } from '../../facts/fact-map.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes that are public by design, recognised by a path segment or the handler's name: the ways in
 * (login, signup, password reset, token refresh, email verification, OAuth callbacks, logout), probes
 * (health), inbound webhooks and integration callbacks (`/slack/event`, `/stripe`: authenticated by
 * the sender's signature, which is not judged here), contact / newsletter forms, and GraphQL
 * endpoints (one POST route whose resolvers do their own auth).
 */
const PUBLIC_WORDS = new Set([
  'login', 'logon', 'signin', 'logout', 'signout', 'signup', 'register', 'registration', 'password', 'forgot', 'reset',
  'token', 'tokens', 'refresh', 'verify', 'verification', 'confirm', 'activate', 'otp', 'magic', 'oauth', 'callback', 'sso', 'saml', 'oidc',
  // WebAuthn / passkey sign-in ceremonies start before the caller is authenticated.
  'webauthn', 'passkey', 'passkeys',
  'health', 'healthz', 'healthcheck', 'ready', 'readyz', 'live', 'livez', 'liveness', 'readiness', 'ping', 'status',
  'webhook', 'webhooks', 'hook', 'hooks', 'contact', 'newsletter', 'subscribe', 'unsubscribe', 'public', 'csp', 'graphql',
  // Inbound callbacks from integrations, authenticated by the provider's request signature.
  'slack', 'stripe', 'github', 'gitlab', 'twilio', 'sendgrid', 'mailgun', 'postmark', 'paypal', 'shopify', 'discord', 'telegram', 'zoom', 'intercom', 'whatsapp',
]);

/** Libraries that authenticate requests: when one is declared we cannot claim the app has no auth at all. */
const AUTH_LIBS =
  /^(pyjwt|jwt|python-jose|jose|authlib|fastapi-users|fastapi-jwt-auth|fastapi-login|flask-login|flask-jwt-extended|flask-httpauth|flask-security(-too)?|djangorestframework-simplejwt|djangorestframework-jwt|drf-jwt|django-rest-knox|django-allauth|dj-rest-auth|djoser|django-oauth-toolkit|passport(-[\w-]+)?|jsonwebtoken|express-jwt|express-openid-connect|express-basic-auth|@nestjs\/passport|@nestjs\/jwt|next-auth|@auth\/[\w-]+|@clerk\/[\w-]+|firebase-admin|@supabase\/[\w-]+|better-auth|lucia|@fastify\/jwt|@fastify\/auth|@fastify\/basic-auth|@fastify\/passport|hono\/jwt|supertokens-node|@kinde-oss\/[\w-]+|auth0|express-oauth2-jwt-bearer)$/i;

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `POST /users` (or `/api/v1/users`) that creates the user (RealWorld's registration): sign-up by REST
 *  convention; `/admin/users` is not (an admin creating accounts needs auth). */
const USER_COLLECTION = /^(\/(api|v\d+))*\/(users|accounts|members)\/?$/;
const CREATES_USER = /^(create_?user|create_?account|register(_?user)?|sign_?up)$/i;

function publicByDesign(r: Route): boolean {
  const ws = [...words(r.path), ...words(r.handler?.name ?? '')];
  const joined = ws.map((w, i) => w + (ws[i + 1] ?? ''));
  if ([...ws, ...joined].some((w) => PUBLIC_WORDS.has(w))) return true;
  return r.method === 'POST' && USER_COLLECTION.test(r.path) && r.reaches.some((name) => CREATES_USER.test(name.split('.').pop() ?? ''));
}

function registrationKey(r: Route): string {
  return `${r.evidence.file}:${r.evidence.line}`;
}

export default defineRule({
  meta: {
    id: 'auth-missing',
    area: 'security',
    severity: 'high',
    title: 'Write routes require authentication',
    failureTitle: 'Routes that change data have no authentication',
    why:
      'A route that creates, changes or deletes data without checking who calls it can be used by anyone who finds the URL: scrapers and bots find unauthenticated APIs within hours of deployment. ' +
      'When the rest of the API is protected, an unprotected write route is usually an oversight (a dependency or guard forgotten on one handler), and it is exactly the one an attacker will use.',
    fix: {
      default: 'Require authentication on every route that changes data, preferably once at the router or app level with explicit exceptions for login, signup and webhooks.',
      fastapi: 'Add the auth dependency to the router: `APIRouter(dependencies=[Depends(get_current_user)])`, or to the route: `user: User = Depends(get_current_user)`.',
      flask: 'Decorate the view with `@login_required` (Flask-Login) or `@jwt_required()` (Flask-JWT-Extended), or check the user in a blueprint `before_request`.',
      django: 'Set `DEFAULT_PERMISSION_CLASSES = ["rest_framework.permissions.IsAuthenticated"]` in `REST_FRAMEWORK` and open only the public views with `AllowAny`; for plain views use `@login_required`.',
      express: 'Mount the auth middleware before the routers: `app.use("/api", requireAuth, apiRouter)`, or pass it per route: `router.post("/orders", requireAuth, createOrder)`.',
      fastify: 'Add an `onRequest` hook that verifies the token (`@fastify/jwt`: `request.jwtVerify()`) on the protected plugin, or `preHandler: [app.authenticate]` on the route.',
      nestjs: 'Bind the guard globally (`{ provide: APP_GUARD, useClass: JwtAuthGuard }`) and mark public handlers with a `@Public()` decorator, or add `@UseGuards(JwtAuthGuard)` to the controller.',
      nextjs: 'Check the session at the top of the handler (`const session = await auth(); if (!session) return new Response("Unauthorized", { status: 401 })`) or protect the path in `middleware.ts`.',
    },
    examples: {
      bad: 'router.get("/orders", requireAuth, listOrders);\nrouter.delete("/orders/:id", deleteOrder);',
      good: 'router.get("/orders", requireAuth, listOrders);\nrouter.delete("/orders/:id", requireAuth, deleteOrder);',
      lang: 'ts',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes', 'dependencies', 'appEntries', 'files'],
    confidence: 'medium',
  },
  check({ routes, dependencies, appEntries, files }) {
    if (routes.length === 0) return notApplicable('no HTTP routes found');
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const svc = (file: string) => serviceOf.get(file) ?? '';
    const byService = new Map<string, Route[]>();
    for (const r of routes) byService.set(svc(r.evidence.file), [...(byService.get(svc(r.evidence.file)) ?? []), r]);
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    let judged = 0;
    let libraryOnly = 0;
    for (const [service, svcRoutes] of [...byService].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const writes = svcRoutes.filter((r) => MUTATING.has(r.method) && !publicByDesign(r));
      const protectedRoutes = svcRoutes.filter((r) => r.auth);
      if (protectedRoutes.length === 0) {
        // Read-only public APIs are legitimate; no route to write through, nothing to report.
        if (writes.length === 0) continue;
        // Auth may be done in a way routes do not show (inside handlers): a declared auth library means we cannot claim "none".
        const lib = authLibrary(dependencies, service);
        judged++;
        if (lib) {
          strengths.push(lib.evidence);
          libraryOnly++;
          continue;
        }
        const frameworks = new Set(svcRoutes.map((r) => r.framework));
        const entry = anchor(appEntries.filter((e) => svc(e.evidence.file) === service && frameworks.has(e.framework)));
        const where = service === '' ? '' : ` in ${service}/`;
        findings.push({
          message: `No authentication anywhere${where}: none of the ${plural(svcRoutes.length, 'route')} has an auth dependency, decorator, guard or middleware and no auth library is declared, yet ${plural(writes.length, 'route')} change data (e.g. ${writes[0].method} ${writes[0].path})`,
          evidence: [entry ?? writes[0].evidence, ...(entry ? [writes[0].evidence] : [])],
          stack: fixKeyForFramework(svcRoutes[0].framework),
        });
        continue;
      }
      judged++;
      strengths.push(...protectedRoutes.map((r) => r.auth as Evidence));
      const open = new Map<string, Route[]>();
      for (const r of writes) if (!r.auth) open.set(registrationKey(r), [...(open.get(registrationKey(r)) ?? []), r]);
      for (const rs of open.values()) {
        const r = rs[0];
        findings.push({
          // Said as the method, not as "changes data": a POST may be a lookup (`/username/available`).
          message: `${rs.map((x) => x.method).join('/')} ${r.path} has no authentication, while ${plural(protectedRoutes.length, 'other route')} of this service ${protectedRoutes.length === 1 ? 'requires' : 'require'} it`,
          evidence: [r.evidence],
          stack: fixKeyForFramework(r.framework),
        });
      }
    }
    if (findings.length > 0) return fail(findings);
    if (judged === 0) return notApplicable('no route changes data outside login, signup, webhooks and health checks');
    const unique = [...new Map(strengths.map((e) => [`${e.file}:${e.line}`, e])).values()];
    if (libraryOnly === judged) return pass(`An auth library is declared (${strengths.map((e) => e.snippet).slice(0, 2).join(', ')}); no route shows how it is applied, so write routes were not judged one by one`, unique.slice(0, 8));
    return pass(`Write routes require authentication (${plural(unique.length, 'place')} where auth is applied or declared)`, unique.slice(0, 8));
  },
});

function authLibrary(deps: Dependency[], service: string): Dependency | undefined {
  const inService = (d: Dependency) => {
    const dir = d.evidence.file.includes('/') ? d.evidence.file.slice(0, d.evidence.file.lastIndexOf('/')) : '';
    return dir === service || service.startsWith(dir === '' ? '' : `${dir}/`) || dir.startsWith(service === '' ? '' : `${service}/`);
  };
  return deps.find((d) => !d.dev && AUTH_LIBS.test(d.name) && inService(d));
}

const ENTRY_NAMES = /(^|\/)(main|app|server|index|asgi|wsgi|settings)\.[a-z]+$/;

/** Where the fix goes: the app entry, preferring main/app/server modules. */
function anchor(entries: AppEntry[]): Evidence | undefined {
  const sorted = [...entries].sort((a, b) => Number(ENTRY_NAMES.test(b.evidence.file)) - Number(ENTRY_NAMES.test(a.evidence.file)) || (a.evidence.file < b.evidence.file ? -1 : 1));
  return sorted[0]?.evidence;
}
