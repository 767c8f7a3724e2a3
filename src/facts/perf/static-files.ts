/**
 * Static files the application itself serves, and whether it sets cache headers on them
 * (static-cache-headers). Each mechanism is read from the code model:
 * - Starlette / FastAPI `StaticFiles(...)` (mounted with `app.mount` or `Mount`): no Cache-Control
 *   by default; credited when it is a local subclass that sets the header, or when an HTTP middleware
 *   sets it for the static path.
 * - Flask `send_from_directory(...)` and the app's static folder: credited by `max_age=` or a
 *   SEND_FILE_MAX_AGE_DEFAULT setting; WhiteNoise (`WhiteNoise(app)`, Django's WhiteNoiseMiddleware)
 *   sets max-age itself. Django without WhiteNoise does not serve static files in production.
 * - Express `express.static` / `serve-static`, `@fastify/static`, Nest `ServeStaticModule.forRoot`:
 *   credited by `maxAge` / `setHeaders` / `immutable` options, or (Express) by a middleware in the same
 *   `app.use(...)` that sets Cache-Control; options that are not a literal are not judged (not listed).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, Framework, StaticServing } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { findImport, scannedFiles, type Scanned } from '../observability/scan.js';
import { cacheControlIn } from './headers.js';

const NODE_CACHE_OPTIONS = new Set(['maxAge', 'setHeaders', 'immutable']);

export function collectStaticServing(repo: RepoContext, _facts: FactMap): StaticServing[] {
  const files = scannedFiles(repo);
  const out: StaticServing[] = [];
  const byService = new Map<string, Scanned[]>();
  for (const s of files) byService.set(s.file.service, [...(byService.get(s.file.service) ?? []), s]);
  for (const [, service] of byService) {
    out.push(...pythonStatic(repo, service));
    for (const s of service) if (!s.python) out.push(...nodeStatic(repo, s));
  }
  return out;
}

// ---------------------------------------------------------------- Python

function pythonStatic(repo: RepoContext, service: Scanned[]): StaticServing[] {
  const out: StaticServing[] = [];
  const py = service.filter((s) => s.python);
  const subclasses = staticSubclasses(repo, py);
  const middleware = middlewareCacheControl(repo, py);
  const sendFileMaxAge = flaskMaxAgeSetting(repo, py);
  for (const s of py) {
    const m = s.model;
    const fastapi = !!findImport(m, ['fastapi']);
    const framework: Framework = fastapi ? 'fastapi' : 'starlette';
    for (const c of m.calls) {
      if ((c.callee === 'StaticFiles' || c.callee.endsWith('.StaticFiles')) && findImport(m, ['starlette', 'fastapi'])) {
        const path = mountPath(m, c);
        const mw = middleware.find((x) => !x.paths.length || (path !== undefined && x.paths.some((p) => path.startsWith(p) || p.startsWith(path))));
        out.push({ framework, evidence: repo.ev(m.file, c.line), mechanism: 'StaticFiles', cacheHeaders: mw?.evidence ?? null });
      } else if (subclasses.has(c.callee)) {
        out.push({ framework, evidence: repo.ev(m.file, c.line), mechanism: `StaticFiles subclass ${c.callee}`, cacheHeaders: subclasses.get(c.callee) ?? null });
      } else if (c.callee === 'send_from_directory' || c.callee === 'flask.send_from_directory') {
        const own = c.kwargs.max_age ?? c.kwargs.cache_timeout;
        out.push({ framework: 'flask', evidence: repo.ev(m.file, c.line), mechanism: 'send_from_directory', cacheHeaders: own ? repo.ev(m.file, own.line) : sendFileMaxAge });
      } else if (c.callee === 'WhiteNoise' && findImport(m, ['whitenoise'])) {
        out.push({ framework: 'flask', evidence: repo.ev(m.file, c.line), mechanism: 'WhiteNoise', cacheHeaders: repo.ev(m.file, c.line) });
      } else if ((c.callee === 'Flask' || c.callee === 'flask.Flask') && flaskServesStatic(repo, s, c)) {
        out.push({ framework: 'flask', evidence: repo.ev(m.file, c.line), mechanism: 'Flask static folder', cacheHeaders: sendFileMaxAge });
      }
    }
    // Django: WhiteNoiseMiddleware in MIDDLEWARE serves static files with max-age headers.
    for (const a of m.assignments) {
      if (a.scope !== 'module' || a.target !== 'MIDDLEWARE') continue;
      const item = (a.value.items ?? []).find((i) => i.kind === 'string' && /^whitenoise\.middleware\.WhiteNoiseMiddleware$/.test(i.value ?? ''));
      if (item) out.push({ framework: 'django', evidence: repo.ev(m.file, item.line), mechanism: 'WhiteNoise', cacheHeaders: repo.ev(m.file, item.line) });
    }
  }
  return out;
}

/** Local `class X(StaticFiles)` subclasses: name → where their body sets Cache-Control (null: it does not). */
function staticSubclasses(repo: RepoContext, py: Scanned[]): Map<string, Evidence | null> {
  const out = new Map<string, Evidence | null>();
  for (const s of py) {
    for (const cls of s.model.classes) {
      if (!cls.bases.some((b) => /(^|\.)StaticFiles$/.test(b))) continue;
      const line = cacheControlIn(s.model, cls.line, cls.endLine);
      out.set(cls.name, line === undefined ? null : repo.ev(s.model.file, line));
    }
  }
  return out;
}

/** The path a StaticFiles app is mounted at: `app.mount("/static", StaticFiles(...))` / `Mount("/static", app=…)`. */
function mountPath(m: CodeModel, c: CallSite): string | undefined {
  const mount = m.calls.find((x) => (x.name === 'mount' || x.name === 'Mount') && x.line <= c.line && c.line <= x.endLine);
  const p = mount?.args[0] ?? mount?.kwargs.path;
  return p?.kind === 'string' ? p.value : undefined;
}

/**
 * HTTP middlewares (`@app.middleware("http")` functions, BaseHTTPMiddleware subclasses) that set
 * Cache-Control, with the path prefixes they test (`request.url.path.startswith("/static")`);
 * no paths: they set it on every response.
 */
function middlewareCacheControl(repo: RepoContext, py: Scanned[]): { evidence: Evidence; paths: string[] }[] {
  const out: { evidence: Evidence; paths: string[] }[] = [];
  for (const s of py) {
    const m = s.model;
    const spans: { from: number; to: number }[] = [];
    for (const f of m.functions) if (f.decorators.some((d) => /\.middleware\(/.test(d.text))) spans.push({ from: f.line, to: f.endLine });
    for (const cls of m.classes) if (cls.bases.some((b) => /(^|\.)BaseHTTPMiddleware$/.test(b))) spans.push({ from: cls.line, to: cls.endLine });
    for (const sp of spans) {
      const line = cacheControlIn(m, sp.from, sp.to);
      if (line === undefined) continue;
      const paths = m.calls
        .filter((c) => c.line >= sp.from && c.line <= sp.to && c.name === 'startswith')
        .flatMap((c) => c.args.filter((a) => a.kind === 'string').map((a) => a.value ?? ''))
        .filter((p) => p.startsWith('/'));
      out.push({ evidence: repo.ev(m.file, line), paths });
    }
  }
  return out;
}

function isZero(v: Value): boolean {
  return v.kind === 'none' || (v.kind === 'number' && Number(v.text) === 0);
}

/** SEND_FILE_MAX_AGE_DEFAULT set (not to 0 / None) anywhere in the Flask service. */
function flaskMaxAgeSetting(repo: RepoContext, py: Scanned[]): Evidence | null {
  for (const s of py) {
    for (const a of s.model.assignments) if (/SEND_FILE_MAX_AGE_DEFAULT/.test(a.target) && !isZero(a.value)) return repo.ev(s.model.file, a.line);
    for (const c of s.model.calls) {
      const v = c.kwargs.SEND_FILE_MAX_AGE_DEFAULT;
      if (v && !isZero(v)) return repo.ev(s.model.file, v.line);
    }
    // An override of Flask.get_send_file_max_age decides per file.
    for (const f of s.model.functions) if (f.name === 'get_send_file_max_age') return repo.ev(s.model.file, f.line);
  }
  return null;
}

/** `Flask(...)` serves its static folder when one exists (default `static/` beside the module) and static_folder is not None. */
function flaskServesStatic(repo: RepoContext, s: Scanned, c: CallSite): boolean {
  const folder = c.kwargs.static_folder;
  if (folder && folder.kind !== 'string') return false;
  const dir = s.file.path.includes('/') ? s.file.path.slice(0, s.file.path.lastIndexOf('/') + 1) : '';
  const rel = folder?.value ?? 'static';
  if (rel.startsWith('/')) return false;
  const prefix = `${dir}${rel.replace(/^\.\//, '').replace(/\/$/, '')}/`;
  return repo.discovery.files.some((f) => f.path.startsWith(prefix) && f.role !== 'test');
}

// ---------------------------------------------------------------- Node

function hasCacheOption(v: Value | undefined): boolean | undefined {
  if (!v) return false;
  if (v.kind !== 'dict' || /\.\.\./.test(v.text)) return undefined; // options we cannot read
  return (v.entries ?? []).some((e) => NODE_CACHE_OPTIONS.has(e.key) && !isZero(e.value) && !(e.value.kind === 'bool' && e.value.value === 'false'));
}

/** `app.use('/static', (req, res, next) => { res.set('Cache-Control', …); next(); }, express.static(…))`. */
function headerMiddleware(repo: RepoContext, m: CodeModel, c: CallSite): Evidence | null {
  const use = m.calls.find((u) => u.name === 'use' && u !== c && u.line <= c.line && c.line <= u.endLine);
  for (const a of use?.args ?? []) {
    const f = a.kind === 'function' && a.fn !== undefined ? m.functions[a.fn] : undefined;
    const line = f ? cacheControlIn(m, f.line, f.endLine) : undefined;
    if (line !== undefined) return repo.ev(m.file, line);
  }
  return null;
}

function nodeStatic(repo: RepoContext, s: Scanned): StaticServing[] {
  const out: StaticServing[] = [];
  const m = s.model;
  const express = !!findImport(m, ['express']);
  const serveStatic = !!findImport(m, ['serve-static']);
  const fastifyStatic = !!findImport(m, ['@fastify/static', 'fastify-static']);
  const nest = !!findImport(m, ['@nestjs/serve-static']);
  const add = (framework: Framework, c: CallSite, mechanism: string, opts: Value | undefined) => {
    const cached = hasCacheOption(opts);
    if (cached === undefined) return;
    out.push({ framework, evidence: repo.ev(m.file, c.line), mechanism, cacheHeaders: cached ? repo.ev(m.file, opts?.line ?? c.line) : headerMiddleware(repo, m, c) });
  };
  for (const c of m.calls) {
    if (express && c.callee === 'express.static') add('express', c, 'express.static', c.args[1]);
    else if (serveStatic && (c.callee === 'serveStatic' || c.callee === 'serve_static')) add('express', c, 'serve-static', c.args[1]);
    else if (fastifyStatic && c.name === 'register' && c.args[0] && /static/i.test(c.args[0].text)) add('fastify', c, '@fastify/static', c.args[1]);
    else if (nest && /^ServeStaticModule\.forRoot(Async)?$/.test(c.callee)) {
      for (const a of c.args) {
        if (a.kind !== 'dict') continue;
        const opts = a.entries?.find((e) => e.key === 'serveStaticOptions')?.value;
        add('nestjs', c, 'ServeStaticModule', opts);
      }
    }
  }
  return out;
}
