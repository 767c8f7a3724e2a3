/**
 * CORS policies of Python apps: Starlette/FastAPI CORSMiddleware, Flask-CORS (`CORS(app)`,
 * `init_app`, `@cross_origin`), django-cors-headers settings, and a literal
 * `Access-Control-Allow-Origin: *` header set by hand.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { CorsPolicy, Framework } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { callOf, entry, frameworkOf, isDevSettingsFile, isTrue, productionOverrides, resolveLiteral, stringItems } from './code-util.js';

/** Origins a wildcard-equivalent regex would accept: two unrelated sites. */
const FOREIGN_ORIGINS = ['https://attacker.example', 'http://evil.test:8080'];

/** True when an origin regex accepts any site (Starlette matches it with re.fullmatch). */
export function regexAllowsAny(pattern: string): boolean {
  try {
    const re = new RegExp(`^(?:${pattern})$`);
    return FOREIGN_ORIGINS.every((o) => re.test(o));
  } catch {
    return false;
  }
}

function list(v: Value | undefined): string[] | null {
  return v ? stringItems(v) : null;
}

function starletteMiddleware(repo: RepoContext, m: CodeModel, c: CallSite, opts: Record<string, Value>, out: CorsPolicy[]): void {
  const fw: Framework = frameworkOf(m) === 'fastapi' ? 'fastapi' : 'starlette';
  const originsValue = resolveLiteral(m, opts.allow_origins, c);
  // Starlette's default is no origin at all; a value we cannot read is configuration.
  const origins = originsValue === undefined ? [] : list(originsValue);
  const regex = opts.allow_origin_regex;
  const regexAny = regex?.kind === 'string' && regexAllowsAny(regex.value ?? '');
  const allowsAny = (origins?.includes('*') ?? false) || regexAny;
  const note = opts.allow_origins?.kind === 'name' && originsValue?.kind === 'list' ? `allow_origins from ${opts.allow_origins.text} (line ${originsValue.line})` : regexAny ? `allow_origin_regex=${regex?.text}` : undefined;
  out.push({
    framework: fw,
    evidence: repo.ev(m.file, c.line, { endLine: c.endLine, ...(note ? { note } : {}) }),
    origins: regexAny ? null : origins,
    allowsAny,
    // With "*" and credentials Starlette echoes the caller's Origin back, so cookies flow to any site.
    reflectsOrigin: allowsAny,
    credentials: isTrue(opts.allow_credentials) ? repo.ev(m.file, opts.allow_credentials.line) : null,
    methods: list(resolveLiteral(m, opts.allow_methods)),
    headers: list(resolveLiteral(m, opts.allow_headers)),
  });
}

/** Flask-CORS options: `origins` (default "*"), `resources` (a pattern, or a dict of per-path options). */
function flaskCors(repo: RepoContext, m: CodeModel, line: number, endLine: number, opts: Record<string, Value>, configured: boolean, out: CorsPolicy[]): void {
  let origins: string[] | null;
  let allowsAny = false;
  const originsValue = resolveLiteral(m, opts.origins);
  const resources = resolveLiteral(m, opts.resources);
  if (originsValue) {
    origins = list(originsValue);
    allowsAny = origins?.includes('*') ?? false;
  } else if (resources?.kind === 'dict') {
    // Per-path options: any path whose origins are "*" or unset opens that path to every site.
    origins = [];
    for (const e of resources.entries ?? []) {
      const per = entry(e.value, 'origins');
      if (!per) {
        if (!configured) allowsAny = true;
        continue;
      }
      const items = list(resolveLiteral(m, per));
      if (items === null) origins = null;
      else if (origins) origins.push(...items);
      if (items?.includes('*')) allowsAny = true;
    }
  } else {
    // No origins anywhere: Flask-CORS defaults to "*" unless CORS_ORIGINS is set in the app config.
    origins = configured ? null : ['*'];
    allowsAny = !configured;
  }
  const cred = opts.supports_credentials;
  out.push({
    framework: 'flask',
    evidence: repo.ev(m.file, line, { endLine, ...(!originsValue && !resources && !configured ? { note: 'no origins given: Flask-CORS allows every origin by default' } : {}) }),
    origins,
    allowsAny,
    // Flask-CORS answers a credentialed request with the caller's own Origin when origins is "*".
    reflectsOrigin: allowsAny,
    credentials: isTrue(cred) ? repo.ev(m.file, cred.line) : null,
    methods: list(resolveLiteral(m, opts.methods)),
    headers: list(resolveLiteral(m, opts.allow_headers)),
  });
}

/** CORS_ORIGINS / CORS_RESOURCES set anywhere (config class, app.config[...]) replace Flask-CORS's "*" default. */
function flaskCorsConfigured(models: CodeModel[]): boolean {
  return models.some((m) => m.assignments.some((a) => /CORS_(ORIGINS|RESOURCES)\b/.test(a.target)) || m.calls.some((c) => c.name === 'update' && ('CORS_ORIGINS' in c.kwargs || 'CORS_RESOURCES' in c.kwargs)));
}

function djangoSettings(repo: RepoContext, m: CodeModel, models: CodeModel[], out: CorsPolicy[]): void {
  if (isDevSettingsFile(m.file)) return;
  const mod = m.assignments.filter((a) => a.scope === 'module');
  const get = (name: string) => mod.filter((a) => a.target === name).pop();
  const all = get('CORS_ALLOW_ALL_ORIGINS') ?? get('CORS_ORIGIN_ALLOW_ALL');
  const allowed = get('CORS_ALLOWED_ORIGINS') ?? get('CORS_ORIGIN_WHITELIST');
  const regexes = get('CORS_ALLOWED_ORIGIN_REGEXES') ?? get('CORS_ORIGIN_REGEX_WHITELIST');
  const cred = get('CORS_ALLOW_CREDENTIALS');
  const credentials = cred && isTrue(cred.value) ? repo.ev(m.file, cred.line) : null;
  const methods = list(get('CORS_ALLOW_METHODS')?.value);
  const headers = list(get('CORS_ALLOW_HEADERS')?.value);
  if (all && isTrue(all.value) && !productionOverrides(models, m.file, all.target)) {
    out.push({ framework: 'django', evidence: repo.ev(m.file, all.line), origins: null, allowsAny: true, reflectsOrigin: true, credentials, methods, headers });
    return;
  }
  const regexItems = regexes ? list(regexes.value) : null;
  const regexAny = regexItems?.some(regexAllowsAny) ?? false;
  if (regexes && regexAny) {
    out.push({ framework: 'django', evidence: repo.ev(m.file, regexes.line), origins: null, allowsAny: true, reflectsOrigin: true, credentials, methods, headers });
    return;
  }
  const restricted = allowed ?? regexes;
  if (restricted) {
    out.push({ framework: 'django', evidence: repo.ev(m.file, restricted.line), origins: allowed ? list(allowed.value) : null, allowsAny: false, credentials, methods, headers });
  }
}

/** `response.headers["Access-Control-Allow-Origin"] = "*"` written by hand. */
function manualHeader(repo: RepoContext, m: CodeModel, out: CorsPolicy[]): void {
  for (const a of m.assignments) {
    if (!/\[\s*['"]access-control-allow-origin['"]\s*\]$/i.test(a.target)) continue;
    if (a.value.kind !== 'string' || a.value.value !== '*') continue;
    out.push({ framework: frameworkOf(m) ?? 'starlette', evidence: repo.ev(m.file, a.line), origins: ['*'], allowsAny: true, reflectsOrigin: false, credentials: null, methods: null, headers: null });
  }
}

export function pythonCorsPolicies(repo: RepoContext, models: CodeModel[]): CorsPolicy[] {
  const out: CorsPolicy[] = [];
  const flaskConfigured = flaskCorsConfigured(models);
  for (const m of models) {
    if (m.language !== 'python') continue;
    const corsImported = m.imports.some((i) => /^(flask_cors)(\.|$)/.test(i.module));
    for (const c of m.calls) {
      // app.add_middleware(CORSMiddleware, ...) and Middleware(CORSMiddleware, ...) in a middleware list.
      if ((c.name === 'add_middleware' || c.name === 'Middleware') && /(^|\.)CORSMiddleware$/.test(c.args[0]?.text ?? '')) {
        starletteMiddleware(repo, m, c, c.kwargs, out);
        continue;
      }
      if (!corsImported) continue;
      if (c.name === 'CORS' && (c.args.length > 0 || Object.keys(c.kwargs).length > 0)) {
        flaskCors(repo, m, c.line, c.endLine, c.kwargs, flaskConfigured, out);
      } else if (c.name === 'init_app' && c.args.length > 0) {
        // cors = CORS(); cors.init_app(app, origins=...)
        const recv = c.callee.slice(0, -'.init_app'.length);
        const made = m.assignments.find((a) => a.target === recv && a.value.kind === 'call' && /(^|\.)CORS$/.test(a.value.callee ?? ''));
        if (made) flaskCors(repo, m, c.line, c.endLine, { ...(callOf(m, made.value)?.kwargs ?? {}), ...c.kwargs }, flaskConfigured, out);
      }
    }
    if (corsImported) {
      for (const f of m.functions) {
        for (const d of f.decorators) {
          const call = callOf(m, d);
          if (d.kind === 'call' && /(^|\.)cross_origin$/.test(d.callee ?? '') && call) flaskCors(repo, m, d.line, d.line, call.kwargs, false, out);
          else if (d.kind === 'name' && d.text === 'cross_origin') flaskCors(repo, m, d.line, d.line, {}, false, out);
        }
      }
    }
    if (m.assignments.some((a) => a.scope === 'module' && /^CORS_/.test(a.target))) djangoSettings(repo, m, models, out);
    manualHeader(repo, m, out);
  }
  return out;
}
