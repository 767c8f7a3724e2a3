/**
 * CSRF: cookie-based sessions or auth cookies, per service, without CSRF protection.
 * Cookie auth: express-session / cookie-session / @fastify/session / @fastify/secure-session
 * middleware, `res.cookie(…)` / `reply.setCookie(…)` / FastAPI `response.set_cookie(…)` with an
 * auth-looking name (token, session, jwt, auth, sid), Flask-Login `login_user()` or a Flask
 * `session[...] =` write. Django: `@csrf_exempt` on a view that is not a webhook, and a MIDDLEWARE
 * list with SessionMiddleware but without CsrfViewMiddleware.
 * Protection: csurf, csrf-csrf, csrf-sync, tiny-csrf, lusca.csrf, @fastify/csrf-protection,
 * Flask-WTF CSRFProtect, fastapi-csrf-protect / starlette-csrf / asgi-csrf, and SameSite=strict or
 * lax on the cookie (explicit, or Starlette's `set_cookie` default of lax; Flask
 * SESSION_COOKIE_SAMESITE). Lax counts: browsers then drop the cookie on cross-site POST/PUT/DELETE,
 * the requests CSRF forges; state changes on GET stay out of scope.
 * Bearer-token APIs (no auth cookie) are not applicable.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, entry, moduleAssignment, stringItems } from './code-util.js';

const AUTH_COOKIE = /token|session|jwt|auth|sid|remember|login/i;
const PROTECT_MODULES = /^(csurf|csrf-csrf|csrf-sync|tiny-csrf|@fastify\/csrf-protection|@fastify\/csrf|fastapi_csrf_protect|starlette_csrf|asgi_csrf|flask_wtf\.csrf)$/;

const SESSION_DECORATOR = /(^|\.)(login_required|permission_required|staff_member_required|user_passes_test|superuser_required)$/;
const SESSION_READ = /\brequest\.(user|session)\b/;

/** A Django view that relies on the session: a login decorator, or `request.user` / `request.session` in its code. */
function usesSession(m: CodeModel, fn: number): boolean {
  const f = m.functions[fn];
  if (f.decorators.some((d) => SESSION_DECORATOR.test(d.callee ?? d.text.replace(/\(.*$/s, '')))) return true;
  const inside = (g: number) => g === fn || (g >= 0 && m.functions[g].start >= f.start && m.functions[g].end <= f.end);
  return (
    m.calls.some((c) => inside(c.fn) && (SESSION_READ.test(c.callee) || c.args.some((a) => SESSION_READ.test(a.text)) || Object.values(c.kwargs).some((v) => SESSION_READ.test(v.text)))) ||
    m.assignments.some((a) => inside(a.fn) && (SESSION_READ.test(a.value.text) || SESSION_READ.test(a.target))) ||
    m.returns.some((r) => inside(r.fn) && SESSION_READ.test(r.value?.text ?? ''))
  );
}

function sameSite(v: string | undefined): boolean {
  return /^(strict|lax)$/i.test(v ?? '');
}

interface Service {
  cookie: { ev: Evidence; what: string; stack: string }[];
  protect: Evidence[];
}

function jsCookieAuth(m: CodeModel, c: CallSite): string | null | 'samesite' {
  const mod = (re: RegExp) => m.imports.some((i) => re.test(i.module));
  if (/^(session|expressSession|cookieSession|session\.default)$/.test(c.callee) && mod(/^(express-session|cookie-session)$/)) {
    const cookie = entry(c.args[0], 'cookie') ?? c.args[0];
    return sameSite(entry(cookie, 'sameSite')?.value) ? 'samesite' : `${c.callee}() cookie session`;
  }
  if (/\.register$/.test(c.callee) && /^(fastifySession|fastifySecureSession|secureSession|session)$/.test(c.args[0]?.text ?? '') && mod(/^@fastify\/(secure-)?session$/)) {
    const cookie = entry(c.args[1], 'cookie') ?? c.args[1];
    return sameSite(entry(cookie, 'sameSite')?.value) ? 'samesite' : '@fastify/session cookie session';
  }
  // A refresh-token cookie only mints tokens the attacker's page cannot read: not judged.
  if (/^(res|response|reply)\.(cookie|setCookie)$/.test(c.callee) && c.args[0]?.kind === 'string' && AUTH_COOKIE.test(c.args[0].value ?? '') && !/refresh/i.test(c.args[0].value ?? '')) {
    const opts = c.args.find((a, i) => i >= 2 && a.kind === 'dict');
    if (opts && !opts.entries) return null;
    if (c.args[2] && c.args[2].kind !== 'dict') return null; // options built elsewhere: cannot tell
    return sameSite(entry(opts, 'sameSite')?.value) ? 'samesite' : `auth cookie '${c.args[0].value}'`;
  }
  return null;
}

function pyCookieAuth(m: CodeModel, c: CallSite): string | null | 'samesite' {
  if (/(^|\.)set_cookie$/.test(c.callee) && m.imports.some((i) => /^(fastapi|starlette)/.test(i.module))) {
    const key = c.kwargs.key ?? c.args[0];
    if (key?.kind !== 'string' || !AUTH_COOKIE.test(key.value ?? '') || /refresh/i.test(key.value ?? '')) return null;
    const ss = c.kwargs.samesite;
    // Starlette's set_cookie defaults to samesite="lax".
    return !ss || sameSite(ss.value) ? 'samesite' : `auth cookie '${key.value}' with samesite=${ss.text}`;
  }
  if (/^(flask_login\.)?login_user$/.test(c.callee) && m.imports.some((i) => /^flask_login/.test(i.module))) return 'Flask-Login session';
  return null;
}

export function collectCsrf(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  const services = new Map<string, Service>();
  const svc = (file: string) => {
    const k = repo.file(file)?.service ?? '';
    if (!services.has(k)) services.set(k, { cookie: [], protect: [] });
    return services.get(k)!;
  };
  for (const m of appModels(repo, ['app', 'config'])) {
    const s = svc(m.file);
    const py = m.language === 'python';
    for (const i of m.imports) if (PROTECT_MODULES.test(i.module) || (i.module === 'flask_wtf' && i.names.includes('CSRFProtect'))) s.protect.push(repo.ev(m.file, i.line, { note: i.module }));
    for (const c of m.calls) {
      if (/^lusca\.csrf$|^(lusca)$/.test(c.callee) && (c.callee === 'lusca.csrf' || entry(c.args[0], 'csrf'))) s.protect.push(repo.ev(m.file, c.line, { note: 'lusca csrf' }));
      const r = py ? pyCookieAuth(m, c) : jsCookieAuth(m, c);
      if (r === 'samesite') s.protect.push(repo.ev(m.file, c.line, { note: 'SameSite cookie' }));
      else if (r) s.cookie.push({ ev: repo.ev(m.file, c.line, { note: r }), what: r, stack: py ? (r.startsWith('Flask') ? 'flask' : 'fastapi') : 'express' });
    }
    if (!py) continue;
    // Flask: session["user_id"] = … ; SESSION_COOKIE_SAMESITE set to Strict/Lax.
    const flask = m.imports.some((i) => /^flask($|\.)/.test(i.module));
    for (const a of m.assignments) {
      if (flask && /^session\[["'](user|user_id|uid|logged_in|username|email|account)/.test(a.target)) {
        s.cookie.push({ ev: repo.ev(m.file, a.line, { note: 'Flask session login' }), what: 'Flask session login', stack: 'flask' });
      }
      if (/SESSION_COOKIE_SAMESITE/.test(a.target) && sameSite(a.value.value)) s.protect.push(repo.ev(m.file, a.line, { note: a.target }));
    }
    // Django: @csrf_exempt views that are not webhooks; MIDDLEWARE without CsrfViewMiddleware.
    m.functions.forEach((f, fi) => {
      const d = f.decorators.find((x) => /(^|\.)csrf_exempt$/.test(x.text));
      // Only a view the session cookie authenticates can be forged cross-site: one that requires a
      // login or reads `request.user` / `request.session`. API-key and public views (pings, badges,
      // signed unsubscribe links) carry no ambient credential to abuse.
      if (d && !/hook|callback|stripe|ipn|notify|health/i.test(f.name) && usesSession(m, fi)) {
        const message = `@csrf_exempt turns off CSRF protection on ${f.name}(), a view Django session cookies authenticate`;
        out.issues.push({ evidence: repo.ev(m.file, d.line, { note: 'csrf_exempt' }), message, stack: 'django' });
      }
    });
    const mw = stringItems(moduleAssignment(m, 'MIDDLEWARE'));
    if (mw && mw.some((x) => /SessionMiddleware$/.test(x))) {
      const line = m.assignments.filter((a) => a.scope === 'module' && a.target === 'MIDDLEWARE').pop()!.line;
      if (mw.some((x) => /CsrfViewMiddleware$/.test(x))) s.protect.push(repo.ev(m.file, line, { note: 'CsrfViewMiddleware' }));
      else {
        const message = 'MIDDLEWARE enables sessions but not django.middleware.csrf.CsrfViewMiddleware';
        out.issues.push({ evidence: repo.ev(m.file, line, { note: message }), message, stack: 'django' });
      }
    }
  }
  for (const s of services.values()) {
    out.safe.push(...s.protect);
    if (s.protect.length > 0) continue;
    for (const c of s.cookie) {
      const message = `${c.what} authenticates requests by cookie and nothing checks a CSRF token (no CSRF middleware, no SameSite=strict/lax)`;
      out.issues.push({ evidence: c.ev, message, stack: c.stack });
    }
  }
  return out;
}
