/**
 * 'security-headers' markers: something sets HSTS / CSP / X-Frame-Options / X-Content-Type-Options /
 * Referrer-Policy on responses. Credited: helmet (Express, Nest, koa-helmet), @fastify/helmet, Hono's
 * secureHeaders, lusca, Python `secure`, flask-talisman, Django's SecurityMiddleware (it sends
 * nosniff and Referrer-Policy by default) and XFrameOptionsMiddleware, a header name written in
 * application code or next.config (a middleware or `headers()` setting it), and a proxy in front of
 * the app (nginx `add_header`, Caddy `header`, Traefik headers middleware labels in compose).
 */
import type { CodeModel } from '../code/model.js';
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor } from '../routes/program.js';

const SECURITY_HEADERS = /^(strict-transport-security|content-security-policy|x-frame-options|x-content-type-options|referrer-policy)$/i;
const DJANGO_MIDDLEWARE = /^django\.middleware\.(security\.SecurityMiddleware|clickjacking\.XFrameOptionsMiddleware)$/;
const HEADER_NAMES = '(Strict-Transport-Security|Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Referrer-Policy)';
/** Plain-text proxy configs and the line that sets a security header in each. */
const PROXY_FILES: { file: RegExp; line: RegExp; detail: string }[] = [
  { file: /(^|\/)(nginx[^/]*\.conf|[^/]*\.nginx|nginx\/[^/]+\.conf(\.template)?|conf\.d\/[^/]+\.conf)$/, line: new RegExp(`^\\s*add_header\\s+${HEADER_NAMES}\\b`, 'i'), detail: 'nginx add_header' },
  { file: /(^|\/)Caddyfile$/, line: new RegExp(`^\\s*(header\\s+)?${HEADER_NAMES}\\b`, 'i'), detail: 'Caddy header' },
  {
    file: /(^|\/)(docker-)?compose[\w.-]*\.ya?ml$/,
    line: /traefik\.http\.middlewares\.[\w-]+\.headers\.(stsSeconds|frameDeny|contentTypeNosniff|contentSecurityPolicy|customFrameOptionsValue|referrerPolicy)\b/,
    detail: 'Traefik headers middleware',
  },
];

function imports(m: CodeModel, re: RegExp): boolean {
  return m.imports.some((i) => re.test(i.module));
}

function codeMarkers(repo: RepoContext, m: CodeModel): Marker[] {
  const out: Marker[] = [];
  const add = (detail: string, line: number) => out.push({ kind: 'security-headers', detail, evidence: repo.ev(m.file, line), scope: 'app' });
  if (m.language === 'python') {
    const secure = imports(m, /^secure(\.|$)/);
    const talisman = imports(m, /^flask_talisman(\.|$)/);
    for (const c of m.calls) {
      if (secure && /(^|\.)(Secure|SecureHeaders)$/.test(c.callee)) add('secure', c.line);
      else if (talisman && c.name === 'Talisman') add('flask-talisman', c.line);
    }
    for (const a of m.assignments) {
      if (a.scope !== 'module' || a.target !== 'MIDDLEWARE') continue;
      for (const item of a.value.items ?? []) if (item.kind === 'string' && DJANGO_MIDDLEWARE.test(item.value ?? '')) add('django SecurityMiddleware', item.line);
    }
  } else {
    const helmet = imports(m, /^(helmet|koa-helmet)$/);
    const fastifyHelmet = imports(m, /^(@fastify\/helmet|fastify-helmet)$/);
    const hono = imports(m, /^hono\/secure-headers$/);
    const lusca = imports(m, /^lusca$/);
    // `export default helmet` in a plugins folder: @fastify/autoload registers it.
    const def = m.defaultExport;
    const exported = fastifyHelmet && def?.name ? programFor(repo).resolveName(m.file, def.name) : undefined;
    if (def && exported?.kind === 'external' && /^(@fastify\/helmet|fastify-helmet)$/.test(exported.module)) add('@fastify/helmet (autoloaded plugin)', def.line);
    for (const c of m.calls) {
      if (helmet && /^helmet(\.\w+)?$/.test(c.callee)) add('helmet', c.line);
      else if (fastifyHelmet && c.name === 'register' && /helmet/i.test(c.args[0]?.text ?? '')) add('@fastify/helmet', c.line);
      else if (hono && c.callee === 'secureHeaders') add('hono secureHeaders', c.line);
      else if (lusca && /^lusca(\.\w+)?$/.test(c.callee)) add('lusca', c.line);
    }
  }
  // A header set by hand (a middleware, next.config headers()).
  for (const s of m.notableStrings) if (SECURITY_HEADERS.test(s.value)) add(`${s.value} header`, s.line);
  return out;
}

export function headerMarkers(repo: RepoContext, _facts: FactMap): Marker[] {
  const out: Marker[] = [];
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || (f.role !== 'app' && f.role !== 'config')) continue;
    out.push(...codeMarkers(repo, m));
  }
  // A proxy in front of the app: nginx `add_header …`, a Caddyfile `header` block, Traefik header middleware labels.
  for (const f of repo.discovery.files) {
    if (f.role === 'test' || f.role === 'fixture' || f.role === 'docs') continue;
    const proxy = PROXY_FILES.find((p) => p.file.test(f.path));
    if (!proxy) continue;
    repo.lines(f.path).forEach((l, i) => {
      if (proxy.line.test(l)) out.push({ kind: 'security-headers', detail: proxy.detail, evidence: repo.ev(f.path, i + 1), scope: 'app' });
    });
  }
  return out;
}
