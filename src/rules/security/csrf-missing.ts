import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'csrf-missing',
    area: 'security',
    severity: 'medium',
    title: "Cookie-authenticated requests are protected against CSRF",
    failureTitle: "Cookie-based auth without CSRF protection",
    why: "Browsers attach cookies to every request to your domain, including a form another site submits on the user's behalf: without a CSRF token or SameSite cookies, a page the user visits can change their email, post as them or delete data. Bearer tokens in an Authorization header are not sent automatically and are not affected.",
    fix: {
      default: "Add CSRF tokens to state-changing requests, or set the session/auth cookie with `SameSite=Strict` (or Lax) so browsers do not send it on cross-site POSTs.",
      express: "Use `csrf-csrf` (double-submit token) or `lusca.csrf()`, and set `cookie: { sameSite: \"lax\", httpOnly: true, secure: true }` on express-session.",
      fastapi: "Keep `samesite=\"lax\"` (or strict) on `response.set_cookie(...)`, or add `fastapi-csrf-protect`; prefer an Authorization header for APIs.",
      flask: "`from flask_wtf.csrf import CSRFProtect; CSRFProtect(app)` and `app.config[\"SESSION_COOKIE_SAMESITE\"] = \"Lax\"`.",
      django: "Keep `django.middleware.csrf.CsrfViewMiddleware` in MIDDLEWARE and remove `@csrf_exempt` from views users reach with their session cookie.",
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['csrf'],
    confidence: 'medium',
  },
  check({ csrf }) {
    if (csrf.issues.length > 0) {
      return fail(
        csrf.issues.map((i) => ({
          message: i.message,
          evidence: [i.evidence, ...(i.related ?? [])],
          stack: i.stack as FixKey | undefined,
        })),
      );
    }
    if (csrf.safe.length > 0) return pass("Cookie-based auth is protected against CSRF", csrf.safe.slice(0, 5));
    return notApplicable('no cookie-based sessions or auth cookies found');
  },
});
