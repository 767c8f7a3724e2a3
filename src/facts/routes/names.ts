/**
 * Name conventions the route extractors lean on. A dependency, decorator, guard or middleware is
 * recognised as authentication by what it is called (`get_current_user`, `requireAuth`,
 * `JwtAuthGuard`); these lists are the single place that knowledge lives.
 */

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'options', 'head'] as const;

/** Names that say "this checks who is calling". A database session (`get_session`, `get_db`) is not. */
const AUTH_PATTERNS: RegExp[] = [
  /auth(?!or)/i, // authenticate, authorize, requireAuth, oauth2_scheme (not "author")
  /current_?(user|account|member|principal|admin|active)/i,
  /(require|ensure|check|verify|validate|is)_?(user|login|logged|signed|admin|role|scope|perm|api_?key|token|session|staff|superuser)/i,
  /jwt|bearer|api_?key|token|permission|login_?required|logged_?in|admin|guard|protect|principal|credential|session_?user|user_?session|clerk|passport|firebase_?user/i,
];

// `passport.initialize()` / `passport.session()` set the library up; they reject no request.
const NOT_AUTH = /^(get_?)?(db|database|session|db_?session|async_?session|conn|connection|settings|config|redis|cache|logger|initiali[sz]e|init|setup)$/i;

export function isAuthName(name: string): boolean {
  const last = name.replace(/\(.*$/s, '').split('.').pop() ?? name;
  if (NOT_AUTH.test(last)) return false;
  // Public-route markers (`AllowAny`, `@Public()`) mention permission but grant access to anyone.
  if (/allow_?any|^public$|skip_?auth|no_?auth/i.test(last)) return false;
  return AUTH_PATTERNS.some((re) => re.test(name));
}

/** A home-made limiter: `@rate_limit(...)`, `Depends(rate_limiter)`, `RateLimitMiddleware`, `throttle`. */
export function isRateLimitName(name: string): boolean {
  return /rate_?limit|ratelimit|throttl|limiter\b|^limiter|quota/i.test(name);
}

/** Request parameters that bound a list: `limit`, `page`, `cursor`… */
export const PAGE_PARAM = /^(limit|offset|page|page_?size|per_?page|page_?number|page_?num|cursor|skip|take|max_?results|starting_?after|page_?token)$/i;

/** Joins URL pieces: prefixes and paths, one slash between each. */
export function joinPath(...parts: string[]): string {
  // Called several times per route and mount: plain loops, no intermediate arrays of segments.
  let out = '';
  for (const p of parts) for (const seg of p.split('/')) if (seg.length > 0) out += `/${seg}`;
  if (out === '') out = '/';
  const last = parts[parts.length - 1] ?? '';
  // `/health/` (Django) keeps its slash; a router root `/` mounted at `/health` is `/health`.
  return last.endsWith('/') && last !== '/' && out !== '/' ? `${out}/` : out;
}
