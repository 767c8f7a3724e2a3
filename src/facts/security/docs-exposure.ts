/**
 * Interactive API docs and whether production serves them to anyone (fact ApiDocs, for
 * api-docs-public):
 * - FastAPI: docs are on by default (`/docs`, `/redoc`, `/openapi.json`); `openapi_url=None` (or "")
 *   or both UIs set to None turns them off; values read from settings (`docs_url=settings.docs_url`,
 *   `FastAPI(**settings.fastapi_kwargs)`) are switched by configuration;
 * - NestJS: `SwaggerModule.setup(...)`;
 * - Express & co: `swagger-ui-express` (`swaggerUi.setup(spec)`), public unless an auth middleware
 *   runs before it in the same `use` / route call;
 * - Django: drf-spectacular `Spectacular{Swagger,Redoc}View.as_view()`, drf-yasg `schema_view.with_ui()`,
 *   gated by `permission_classes` (not AllowAny) or `SERVE_PERMISSIONS` in SPECTACULAR_SETTINGS.
 * Anything inside `if settings.DEBUG:` / `if (env !== 'production')` is gated; for a router file
 * that only serves docs, the place that mounts it is checked as well (mounted only in development).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { ApiDocs, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, callOf, frameworkOf, walkValue } from './code-util.js';
import { envGuard } from './layout.js';
import { appEntryLines } from '../../stacks/app-entries.js';

const AUTH_NAME = /auth|protect|require|guard|ensure|verify|admin|login|session|passport|jwt/i;

const isOff = (v: Value | undefined) => v !== undefined && (v.kind === 'none' || (v.kind === 'string' && (v.value ?? '') === ''));
const isLiteral = (v: Value | undefined) => v === undefined || v.kind === 'none' || v.kind === 'string';

export function collectApiDocs(repo: RepoContext, facts: FactMap): ApiDocs[] {
  const models = appModels(repo, ['app', 'config']);
  const out: ApiDocs[] = [];
  // The FastAPI app's constructor call wherever it is, a repository subclass of FastAPI included.
  const fastapiEntries = appEntryLines(facts.appEntries, ['fastapi']);
  for (const m of models) {
    if (m.language === 'python') {
      fastapi(repo, m, fastapiEntries, out);
      django(repo, m, models, out);
    } else node(repo, m, models, out);
  }
  return out;
}

function guardOf(repo: RepoContext, file: string, line: number): Evidence | null {
  const g = envGuard(repo, file, line);
  return g ? repo.ev(file, line, { note: `only when ${g.replace(/[:{]\s*$/, '')}` }) : null;
}

function fastapi(repo: RepoContext, m: CodeModel, entryLines: ReadonlyMap<string, Set<number>>, out: ApiDocs[]): void {
  const entries = entryLines.get(m.file);
  const importsFastapi = m.imports.some((i) => /^fastapi(\.|$)/.test(i.module) && (i.names.includes('FastAPI') || i.module === 'fastapi'));
  const firstAt = new Map<number, CallSite>();
  for (const c of m.calls) if (!firstAt.has(c.line)) firstAt.set(c.line, c);
  for (const c of m.calls) {
    const direct = importsFastapi && (c.callee === 'FastAPI' || c.callee === 'fastapi.FastAPI');
    // At an app entry line, the outermost call (the first captured there) is the constructor.
    if (!direct && !(entries?.has(c.line) && firstAt.get(c.line) === c)) continue;
    if (c.fn >= 0 && /test/i.test(m.functions[c.fn]?.name ?? '')) continue;
    const { docs_url: docs, redoc_url: redoc, openapi_url: openapi } = c.kwargs;
    // The URLs served when the options are literals (FastAPI's defaults otherwise).
    const url = (v: typeof docs, d: string) => (v === undefined ? d : v.kind === 'string' && v.value ? v.value : null);
    const served = [url(docs, '/docs'), url(redoc, '/redoc'), url(openapi, '/openapi.json')].filter((u): u is string => u !== null);
    const ev = repo.ev(m.file, c.line, { endLine: c.endLine, note: served.join(', ') });
    if (isOff(openapi) || (isOff(docs) && isOff(redoc))) {
      out.push({ framework: 'fastapi', what: 'FastAPI docs', evidence: ev, gate: repo.ev(m.file, (openapi ?? docs)!.line, { note: 'docs turned off' }) });
      continue;
    }
    const spread = c.kwargs['**']; // FastAPI(**settings.fastapi_kwargs)
    const configured = [docs, redoc, openapi].find((v) => !isLiteral(v)) ?? spread;
    const gate = configured ? repo.ev(m.file, configured.line, { note: 'docs switched by configuration' }) : guardOf(repo, m.file, c.line);
    out.push({ framework: 'fastapi', what: 'FastAPI docs', evidence: ev, gate });
  }
}

function django(repo: RepoContext, m: CodeModel, models: CodeModel[], out: ApiDocs[]): void {
  const spectacular = m.imports.some((i) => i.module.startsWith('drf_spectacular'));
  const yasg = m.imports.some((i) => i.module.startsWith('drf_yasg'));
  if (!spectacular && !yasg) return;
  const servePermissions = spectacular ? spectacularPermissions(repo, models) : null;
  const yasgGate = yasg ? yasgPermissions(repo, m) : null;
  for (const c of m.calls) {
    const view = c.name === 'as_view' && /^Spectacular(Swagger|Redoc)(Split)?View$/.test(c.callee.replace(/\.as_view$/, '').split('.').pop() ?? '');
    const ui = yasg && c.name === 'with_ui';
    if (!view && !ui) continue;
    const perms = c.kwargs.permission_classes;
    const own = perms && !/AllowAny/.test(perms.text) ? repo.ev(m.file, perms.line, { note: 'docs view requires permissions' }) : null;
    const gate = own ?? (view ? servePermissions : yasgGate) ?? guardOf(repo, m.file, c.line);
    out.push({ framework: 'django', what: view ? 'drf-spectacular docs view' : 'drf-yasg docs view', evidence: repo.ev(m.file, c.line), gate });
  }
}

/** `SPECTACULAR_SETTINGS = {"SERVE_PERMISSIONS": ["rest_framework.permissions.IsAdminUser"]}`. */
function spectacularPermissions(repo: RepoContext, models: CodeModel[]): Evidence | null {
  for (const m of models) {
    for (const a of m.assignments) {
      if (a.target !== 'SPECTACULAR_SETTINGS') continue;
      const perms = a.value.entries?.find((e) => e.key === 'SERVE_PERMISSIONS')?.value;
      if (perms && !/AllowAny/.test(perms.text)) return repo.ev(m.file, perms.line, { note: 'SERVE_PERMISSIONS' });
    }
  }
  return null;
}

/** `get_schema_view(..., public=False)` or `permission_classes=[IsAdminUser]`. */
function yasgPermissions(repo: RepoContext, m: CodeModel): Evidence | null {
  for (const c of m.calls) {
    if (c.name !== 'get_schema_view') continue;
    const perms = c.kwargs.permission_classes;
    if (perms && !/AllowAny/.test(perms.text)) return repo.ev(m.file, perms.line, { note: 'schema view requires permissions' });
  }
  return null;
}

function node(repo: RepoContext, m: CodeModel, models: CodeModel[], out: ApiDocs[]): void {
  const fw = frameworkOf(m) ?? 'express';
  for (const c of m.calls) {
    if (c.callee === 'SwaggerModule.setup') {
      out.push({ framework: 'nestjs', what: 'SwaggerModule.setup', evidence: repo.ev(m.file, c.line), gate: guardOf(repo, m.file, c.line) ?? mountedOnlyInDev(repo, m, models) });
    }
  }
  const swaggerUi = swaggerUiNames(m);
  if (swaggerUi.size === 0) return;
  for (const c of m.calls) {
    // app.use('/docs', requireAuth, swaggerUi.serve, swaggerUi.setup(spec)) / router.get('/', swaggerUi.setup(spec)).
    const at = c.args.findIndex((a) => [...walkValue(a)].some((v) => swaggerUi.has((v.callee ?? v.text).split('.')[0]) && /\.(setup|serve|serveFiles)$/.test(v.callee ?? v.text)));
    if (at < 0 || c.name === 'setup') continue;
    const before = c.args.slice(0, at).find((a) => a.kind !== 'string' && AUTH_NAME.test(a.text));
    const gate = before ? repo.ev(m.file, before.line, { note: `behind ${before.text}` }) : guardOf(repo, m.file, c.line) ?? mountedOnlyInDev(repo, m, models);
    if (out.some((d) => d.evidence.file === m.file && d.what === 'swagger-ui-express')) continue; // serve + setup on two lines: one place
    out.push({ framework: fw, what: 'swagger-ui-express', evidence: repo.ev(m.file, c.line), gate });
  }
}

function swaggerUiNames(m: CodeModel): Set<string> {
  const out = new Set<string>();
  const lines = m.imports.filter((i) => i.module === 'swagger-ui-express');
  if (lines.length === 0) return out;
  for (const a of m.assignments) {
    const call = callOf(m, a.value);
    if (call?.callee === 'require' && call.args[0]?.value === 'swagger-ui-express') out.add(a.target);
  }
  for (const i of lines) for (const n of i.names) if (n !== 'swagger-ui-express') out.add(n);
  out.add('swaggerUi').add('swaggerUI').add('swaggerUiExpress');
  return out;
}

/**
 * A router file that serves docs is only public if something mounts it in production: every place
 * the importing modules use its binding (directly, or through a list it is put in) sits under a
 * development-only condition, or in a variable named for development (`devRoutes`).
 */
function mountedOnlyInDev(repo: RepoContext, m: CodeModel, models: CodeModel[]): Evidence | null {
  const base = m.file.replace(/\.[cm]?[jt]sx?$/, '');
  let found: Evidence | null = null;
  for (const other of models) {
    if (other === m || other.language === 'python') continue;
    const dir = other.file.slice(0, other.file.lastIndexOf('/') + 1);
    const resolves = (spec: string | undefined) => !!spec && spec.startsWith('.') && normalize(dir + spec).replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '') === base.replace(/\/index$/, '');
    const names = other.assignments.filter((a) => {
      const call = callOf(other, a.value);
      return call?.callee === 'require' && resolves(call.args[0]?.value);
    }).map((a) => a.target);
    const lines = repo.lines(other.file);
    for (const i of other.imports) {
      if (!resolves(i.module)) continue;
      const def = /^import\s+(\w+)/.exec(lines[i.line - 1]?.trim() ?? '');
      if (def) names.push(def[1]);
    }
    for (const name of names) {
      const uses = usesOf(other, lines, name);
      if (uses.length === 0) return null;
      for (const u of uses) {
        const holder = other.assignments.find((a) => a.line <= u && u <= a.line + 20 && a.scope === 'module' && a.value.kind === 'list' && new RegExp(`\\b${name}\\b`).test(a.value.text));
        if (holder && /dev|local|debug/i.test(holder.target)) {
          found ??= repo.ev(other.file, holder.line, { note: `mounted only through ${holder.target}` });
          continue;
        }
        const g = envGuard(repo, other.file, u);
        if (!g) return null;
        found ??= repo.ev(other.file, u, { note: `mounted only when ${g}` });
      }
    }
  }
  return found;
}

/** Lines (1-based) that mention `name`, other than its import / require line. */
function usesOf(m: CodeModel, lines: readonly string[], name: string): number[] {
  const skip = new Set([...m.imports.map((i) => i.line), ...m.assignments.filter((a) => a.target === name).map((a) => a.line)]);
  const re = new RegExp(`(?<![\\w.$])${name}(?![\\w$])`);
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (!skip.has(i + 1) && re.test(l) && !/^\s*(\/\/|\*)/.test(l)) out.push(i + 1);
  });
  return out;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}
