/**
 * 'exception-handler' markers: application-wide error handlers. A marker with `scope: 'app'` is a
 * catch-all: every unhandled error goes through it, so clients get one error shape and the error is
 * logged once. A handler registered only for specific classes (HTTPException, a domain error) has
 * no scope and a detail ending in "only": it is reported as context, never credited.
 *
 * - FastAPI / Starlette: `@app.exception_handler(Exception | 500)`, `add_exception_handler(...)`,
 *   `exception_handlers={Exception: ...}`, or an HTTP middleware (`@app.middleware("http")`, a
 *   BaseHTTPMiddleware `dispatch`) whose `except Exception` clause returns a response (one that
 *   only logs and re-raises is not a handler).
 * - Flask: `@app.errorhandler(Exception | 500 | InternalServerError | HTTPException)`,
 *   `@bp.app_errorhandler(...)`, `register_error_handler` (Flask routes unhandled errors to the 500
 *   handler, looked up along InternalServerError's classes, so an HTTPException handler also sees
 *   them). `@bp.errorhandler` on a Blueprint only covers that blueprint's routes: not credited.
 * - Express: an error middleware (four parameters) passed to `.use` on anything but a Router: inline,
 *   by name, or returned by a factory defined in the app (`app.use(errorHandler())`).
 * - Fastify `setErrorHandler`, Hono `onError`, Koa: a `(ctx, next)` middleware whose catch sets
 *   `ctx.body` / `ctx.status` or sends a response.
 * - NestJS: `useGlobalFilters(new F())` or an `APP_FILTER` provider; F's `@Catch()` decides:
 *   no arguments is a catch-all, `@Catch(HttpException)` covers only that class.
 */
import type { CodeModel, Value } from '../code/model.js';
import type { Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, findImport, walkValue, type Scanned } from './scan.js';
import { table } from '../../core/table.js';

const PY_CATCH_ALL = /^(Exception|BaseException|500|HTTPStatus\.INTERNAL_SERVER_ERROR|status\.HTTP_500_INTERNAL_SERVER_ERROR)$/;
/** Flask passes unhandled errors to the handler found for InternalServerError(500) and its bases. */
const FLASK_CATCH_ALL = /^((werkzeug\.)?(exceptions\.)?(InternalServerError|HTTPException)|Exception|BaseException|500|HTTPStatus\.INTERNAL_SERVER_ERROR)$/;

interface Hit {
  line: number;
  detail: string;
  catchAll: boolean;
}

export function exceptionHandlerMarkers(repo: RepoContext, files: readonly Scanned[]): Marker[] {
  const nestFilters = nestFilterClasses(files);
  // Named four-parameter functions (error middleware), and factories that return one (`app.use(errorHandler())`).
  const nodeFunctions = new Map<string, number>();
  const factories = new Set<string>();
  for (const s of files) {
    if (s.python) continue;
    for (const f of s.model.functions) {
      if (f.params.length !== 4) continue;
      if (f.name) nodeFunctions.set(f.name, f.params.length);
      const parent = f.parent >= 0 ? s.model.functions[f.parent] : undefined;
      if (parent?.name) factories.add(parent.name);
    }
  }
  // Flask blueprints: `bp.errorhandler` only sees errors of that blueprint's routes (`app_errorhandler` sees all).
  const blueprints = new Set<string>();
  for (const s of files) {
    if (!s.python) continue;
    for (const a of s.model.assignments) if (a.value.kind === 'call' && /(^|\.)Blueprint$/.test(a.value.callee ?? '')) blueprints.add(a.target);
  }
  const out: Marker[] = [];
  for (const s of files) {
    const hits = s.python ? pythonHandlers(s.model, blueprints) : nodeHandlers(s.model, nodeFunctions, factories, nestFilters);
    for (const h of hits) {
      const marker: Marker = { kind: 'exception-handler', detail: h.detail, evidence: repo.ev(s.file.path, h.line) };
      if (h.catchAll) marker.scope = 'app';
      out.push(marker);
    }
  }
  return out;
}

function pythonHandlers(m: CodeModel, blueprints: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  const classify = (flask: boolean, what: Value | undefined, line: number, how: string, receiver = '') => {
    if (!what) return;
    if (flask && how === 'errorhandler' && blueprints.has(receiver)) {
      hits.push({ line, detail: `${receiver}.errorhandler(${what.text}) for the blueprint's routes only`, catchAll: false });
      return;
    }
    const catchAll = (flask ? FLASK_CATCH_ALL : PY_CATCH_ALL).test(what.text);
    hits.push({ line, detail: catchAll ? `${how}(${what.text})` : `${how}(${what.text}) only`, catchAll });
  };
  const receiverOf = (callee: string) => callee.slice(0, callee.lastIndexOf('.'));
  for (const f of m.functions) {
    for (const d of f.decorators) {
      if (d.kind !== 'call' || d.call === undefined) continue;
      const call = m.calls[d.call];
      if (/\.exception_handler$/.test(call.callee)) classify(false, call.args[0], d.line, 'exception_handler');
      else if (/\.errorhandler$/.test(call.callee)) classify(true, call.args[0], d.line, 'errorhandler', receiverOf(call.callee));
      else if (/\.app_errorhandler$/.test(call.callee)) classify(true, call.args[0], d.line, 'app_errorhandler');
      else if (/\.middleware$/.test(call.callee) && call.args[0]?.value === 'http' && catchesAll(m, m.functions.indexOf(f))) {
        hits.push({ line: d.line, detail: 'HTTP middleware catching Exception', catchAll: true });
      }
    }
    const cls = f.className ? m.classes.find((c) => c.name === f.className) : undefined;
    const isMiddleware = cls && (cls.bases.some((b) => /BaseHTTPMiddleware$/.test(b)) || /Middleware$/.test(cls.name));
    if (isMiddleware && (f.name === 'dispatch' || f.name === '__call__') && catchesAll(m, m.functions.indexOf(f))) {
      hits.push({ line: f.line, detail: `${cls.name} catching Exception`, catchAll: true });
    }
  }
  for (const c of m.calls) {
    if (c.name === 'add_exception_handler') classify(false, c.args[0], c.line, 'add_exception_handler');
    else if (c.name === 'register_error_handler') {
      const receiver = receiverOf(c.callee);
      classify(true, c.args[0], c.line, blueprints.has(receiver) ? 'errorhandler' : 'register_error_handler', receiver);
    }
    for (const e of c.kwargs.exception_handlers?.entries ?? []) {
      classify(false, { kind: 'name', text: e.key, line: e.value.line }, e.value.line, 'exception_handlers');
    }
  }
  return hits;
}

/**
 * The function has an `except Exception` / `except BaseException` / bare `except` clause that builds a
 * response. A clause that only logs or counts and re-raises (a metrics or session middleware) leaves
 * the error to the framework, so it must answer the request itself to count.
 */
function catchesAll(m: CodeModel, fn: number): boolean {
  return m.handlers.some(
    (h, i) => h.fn === fn && !h.empty && (h.types === '' || /(^|[\s,(])(Exception|BaseException)([\s,)]|$)/.test(h.types)) && responds(m, i),
  );
}

/** Calls that produce an HTTP response (JSONResponse, jsonify, res.status().json, reply.send …). */
const RESPONSE_CALL = /(Response|^jsonify|^make_response|^render_template|^json|^send|^end)$/;

/** The except/catch block `h` answers the request: it builds a response or sets Koa's `ctx.body` / `ctx.status`. */
function responds(m: CodeModel, h: number): boolean {
  const block = m.handlers[h];
  if (m.calls.some((c) => c.handler === h && RESPONSE_CALL.test(c.name))) return true;
  return m.assignments.some((a) => /^ctx\.(body|status)$/.test(a.target) && a.line >= block.line && a.line <= block.endLine);
}

function nodeHandlers(m: CodeModel, fourParam: Map<string, number>, factories: Set<string>, nestFilters: Map<string, Value[] | null>): Hit[] {
  const hits: Hit[] = [];
  const hono = !!findImport(m, ['hono']);
  const routers = new Set(
    m.assignments.filter((a) => a.value.kind === 'call' && /(^|\.)Router$/.test(a.value.callee ?? '')).map((a) => a.target),
  );
  for (const c of m.calls) {
    const receiver = c.callee.slice(0, c.callee.lastIndexOf('.'));
    if (c.name === 'use' && !routers.has(receiver)) {
      for (const a of c.args) {
        if (a.kind === 'function' && a.fn !== undefined) {
          const f = m.functions[a.fn];
          if (f.params.length === 4) hits.push({ line: c.line, detail: 'error middleware (err, req, res, next)', catchAll: true });
          else if (f.params.length === 2 && f.params[1].name === 'next' && m.handlers.some((h, i) => h.fn === a.fn && responds(m, i))) {
            hits.push({ line: c.line, detail: 'middleware catching errors around next()', catchAll: true });
          }
        } else if (a.kind === 'name' && fourParam.has(a.text)) {
          hits.push({ line: c.line, detail: `error middleware ${a.text}`, catchAll: true });
        } else if (a.kind === 'call' && factories.has(a.callee ?? '')) {
          hits.push({ line: c.line, detail: `error middleware from ${a.callee}()`, catchAll: true });
        }
      }
    } else if (c.name === 'setErrorHandler') hits.push({ line: c.line, detail: 'fastify setErrorHandler', catchAll: true });
    else if (c.name === 'onError' && hono && c.args.some((a) => a.kind === 'function' || a.kind === 'name')) {
      hits.push({ line: c.line, detail: 'onError handler', catchAll: true });
    } else if (c.name === 'useGlobalFilters') {
      for (const a of c.args) nestFilterHit(hits, nestFilters, a.callee ?? a.text, c.line, 'useGlobalFilters');
    }
    // { provide: APP_FILTER, useClass: AllExceptionsFilter } in a module's providers. Only dicts have
    // entries: arguments that are neither dicts nor lists are skipped without walking them.
    for (const a of c.args) {
      if (!a.entries && !a.items) continue;
      for (const v of walkValue(a)) {
        const provide = entry(v, 'provide');
        if (provide?.text !== 'APP_FILTER') continue;
        nestFilterHit(hits, nestFilters, entry(v, 'useClass')?.text ?? '', provide.line, 'APP_FILTER');
      }
    }
  }
  return hits;
}

/** Filters shipped by packages, whose `@Catch` we cannot read: nestjs-prisma's only catches Prisma errors. */
const PACKAGE_FILTERS = table<string>({ PrismaClientExceptionFilter: 'Prisma client errors' });

function nestFilterHit(hits: Hit[], filters: Map<string, Value[] | null>, name: string, line: number, how: string): void {
  if (PACKAGE_FILTERS[name] && !filters.has(name)) {
    hits.push({ line, detail: `${how}(${name}) for ${PACKAGE_FILTERS[name]} only`, catchAll: false });
    return;
  }
  const args = filters.get(name);
  // A filter class we cannot see (from a package) is taken at its word: a global filter.
  const catchAll = args === undefined || args === null || args.length === 0;
  hits.push({ line, detail: catchAll ? `${how}(${name})` : `${how}(${name}) for ${args.map((a) => a.text).join(', ')} only`, catchAll });
}

/**
 * Nest exception filter classes by name → the arguments of their `@Catch(...)`. Decorators of exported
 * classes are not attached to the class in the model, so each top-level `Catch(...)` call is paired
 * with the first class that starts on or after its line.
 */
function nestFilterClasses(files: readonly Scanned[]): Map<string, Value[] | null> {
  const out = new Map<string, Value[] | null>();
  for (const s of files) {
    if (s.python) continue;
    const m = s.model;
    for (const c of m.calls) {
      if (c.callee !== 'Catch' || c.fn !== -1) continue;
      const cls = m.classes.filter((k) => k.line >= c.line).sort((a, b) => a.line - b.line)[0];
      if (cls && cls.line - c.line <= 3) out.set(cls.name, c.args);
    }
  }
  return out;
}
