/**
 * ErrorLeak facts: responses built from a caught exception, so its text (SQL, paths, hostnames,
 * library internals) or traceback reaches the client.
 *
 * Where: inside `except … as e` / `catch (err)`, an Express error middleware `(err, req, res, next)`
 * or a Fastify `setErrorHandler((error, request, reply) => …)` callback.
 * What: a response whose content mentions the exception: `HTTPException(detail=str(e))`,
 * `JSONResponse({"error": str(e)})`, `return {"error": f"{e}"}`, `jsonify(error=str(e))`,
 * `traceback.format_exc()`, `res.status(500).json({ error: err.message })`, `res.send(err.stack)`,
 * `reply.send(err)`, `NextResponse.json({ error: String(err) })`.
 * Not: logging calls (they are not responses), values chosen by a debug/environment condition in the
 * same expression, fields meant for clients (`e.detail`, `e.status_code`, pydantic's `e.errors()`),
 * and Python handlers catching only `ValueError`, validation errors, `HTTPException` or the app's own
 * exception classes, whose messages the app wrote for its users.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { ErrorLeak, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels, callOf, enclosingFunctions, interpolations, mentions, stripStrings } from './code-util.js';
import { envGuard } from './layout.js';

/** Python response constructors and helpers whose arguments become the response body. */
const PY_RESPONSES = /^(HTTPException|JSONResponse|PlainTextResponse|HTMLResponse|Response|ORJSONResponse|UJSONResponse|jsonify|make_response|abort|JsonResponse|HttpResponse|HttpResponseServerError|HttpResponseBadRequest|APIException|WebSocketException)$/;
/** JS response methods, on a response-like receiver. */
const JS_SEND = /^(json|send|end|jsonp|write)$/;
const JS_RECEIVERS = /^(res|response|resp|reply|ctx|c|NextResponse|Response|h)$/;
/** NestJS's HTTP exceptions (their message is the response body) and http-errors style classes. */
const JS_EXCEPTIONS = /^(HttpException|BadRequestException|UnauthorizedException|ForbiddenException|NotFoundException|ConflictException|GoneException|UnprocessableEntityException|InternalServerErrorException|ServiceUnavailableException|BadGatewayException|GatewayTimeoutException|NotAcceptableException|RequestTimeoutException|PayloadTooLargeException|HTTPException)$/;
/** A condition on debug mode or the environment picks what the client sees. */
const GUARD = /\b(debug|DEBUG|isDev|isDevelopment|isProduction|isProd|NODE_ENV|ENV|environment|ENVIRONMENT|development|production|expose|status|statusCode|status_code)\b/;
/**
 * Exception fields meant for clients. Python: HTTPException's `detail`/`status_code`, pydantic's
 * `errors()`. JS: HTTP status and error codes, Zod's `issues`, validation `errors`. (A pg error's
 * `detail` is not safe in JS: it quotes the conflicting row.)
 */
const SAFE_FIELDS_PY = /^(detail|status_code|status|code|errors\(\)|headers)$/;
const SAFE_FIELDS_JS = /^(status|statusCode|code|name|expose|issues|errors|flatten\(\)|format\(\))$/;
/** Exception types whose messages the app writes for its users. */
const USER_FACING_TYPES = /^(ValueError|(\w+\.)?ValidationError|RequestValidationError|(\w+\.)?HTTPException|PermissionDenied|NotFound|Http404)$/;

interface Scope {
  alias: string;
  /** 1-based line range the alias is bound in. */
  line: number;
  endLine: number;
  fn: number;
}

/** Does this expression's code use the exception (not a client-safe field of it)? */
function leaksFrom(m: CodeModel, v: Value, alias: string, depth = 0): string | null {
  if (depth > 4) return null;
  if (v.kind === 'other' && /\bif\b|\?/.test(v.text) && GUARD.test(v.text)) return null;
  if (/\btraceback\.(format_exc|format_exception|format_tb|format_stack)\b/.test(v.text)) return 'traceback';
  if (v.kind === 'dict' || v.kind === 'list') {
    for (const x of [...(v.items ?? []), ...(v.entries ?? []).map((e) => e.value)]) {
      const r = leaksFrom(m, x, alias, depth + 1);
      if (r) return r;
    }
    return null;
  }
  if (v.kind === 'string' || v.kind === 'number' || v.kind === 'bool' || v.kind === 'none' || v.kind === 'function') return null;
  const code = v.kind === 'fstring' ? interpolations(v).join(' ; ') : stripStrings(v.text);
  if (GUARD.test(code) && /\bif\b|\?/.test(code)) return null;
  if (!mentions(code, alias)) return null;
  // Only client-safe fields used: `e.detail`, `e.status_code`, `err.statusCode`.
  const safe = m.language === 'python' ? SAFE_FIELDS_PY : SAFE_FIELDS_JS;
  const uses = [...code.matchAll(new RegExp(`(?<![\\w.$])${alias.replace(/\$/g, '\\$')}(?![\\w$])(\\.\\w+(?:\\(\\))?)?`, 'g'))];
  if (uses.every((u) => u[1] && safe.test(u[1].slice(1)))) return null;
  const field = uses.find((u) => u[1] && !safe.test(u[1].slice(1)))?.[1];
  if (field) return `${alias}${field}`;
  // The bare exception object: only text once stringified (str(e), f"{e}", "x" + e, String(err));
  // serialised as JSON an Error gives `{}` (JS) or fails (Python).
  if (v.kind === 'name') return null;
  return v.kind === 'fstring' ? (m.language === 'python' ? `f"{${alias}}"` : `\${${alias}}`) : v.text.length <= 40 ? v.text : alias;
}

/** The handler scopes (alias and line range) a call or return sits in. */
function scopesAt(scopes: Scope[], line: number): Scope[] {
  return scopes.filter((s) => s.line <= line && line <= s.endLine);
}

/** A Python route handler: decorated with `@app.get(...)`, `@router.post(...)`, `@bp.route(...)`, `@api_view(...)`. */
function isRouteHandler(m: CodeModel, fn: number): boolean {
  for (const f of enclosingFunctions(m, fn)) {
    if (f.decorators.some((d) => /\.(get|post|put|patch|delete|route|api_route|websocket)$|^api_view$/.test(d.callee ?? d.text))) return true;
  }
  return false;
}

function appExceptionNames(models: CodeModel[]): Set<string> {
  const out = new Set<string>();
  for (const m of models) for (const c of m.classes) if (c.bases.some((b) => /(Exception|Error)$/.test(b))) out.add(c.name);
  return out;
}

function pythonScopes(m: CodeModel, appErrors: Set<string>): Scope[] {
  const out: Scope[] = [];
  for (const h of m.handlers) {
    if (!h.alias) continue;
    const types = h.types.replace(/[()\s]/g, '').split(',').filter(Boolean);
    if (types.length > 0 && types.every((t) => USER_FACING_TYPES.test(t) || appErrors.has(t.split('.').pop()!))) continue;
    out.push({ alias: h.alias, line: h.line, endLine: h.endLine, fn: h.fn });
  }
  // @app.exception_handler(Exception) async def handler(request, exc): the second parameter is the exception.
  m.functions.forEach((f, i) => {
    const handles = f.decorators.find((d) => d.kind === 'call' && /(^|\.)exception_handler$/.test(d.callee ?? ''));
    if (!handles || f.params.length < 2) return;
    const typ = callOf(m, handles)?.args[0]?.text ?? '';
    if (USER_FACING_TYPES.test(typ) || appErrors.has(typ)) return;
    out.push({ alias: f.params[1].name, line: f.line, endLine: f.endLine, fn: i });
  });
  return out;
}

function nodeScopes(m: CodeModel): Scope[] {
  const out: Scope[] = m.handlers.filter((h) => h.alias).map((h) => ({ alias: h.alias, line: h.line, endLine: h.endLine, fn: h.fn }));
  m.functions.forEach((f, i) => {
    const p = f.params.map((x) => x.name);
    // Express error middleware: four parameters, (err, req, res, next).
    if (p.length === 4 && /^_?req/.test(p[1]) && /^_?res/.test(p[2])) out.push({ alias: p[0], line: f.line, endLine: f.endLine, fn: i });
  });
  for (const c of m.calls) {
    if (c.name !== 'setErrorHandler') continue;
    const fn = c.args.find((a) => a.kind === 'function')?.fn;
    const f = fn === undefined ? undefined : m.functions[fn];
    if (f && f.params[0]) out.push({ alias: f.params[0].name, line: f.line, endLine: f.endLine, fn: fn! });
  }
  return out;
}

function pyResponseArgs(c: CallSite): Value[] | null {
  if (!PY_RESPONSES.test(c.name)) return null;
  if (c.name === 'HTTPException' || c.name === 'abort') return [c.kwargs.detail ?? c.kwargs.description ?? c.args[1]].filter((v): v is Value => !!v);
  return [...c.args, ...Object.entries(c.kwargs).filter(([k]) => !/^(status_code|status|headers|media_type|code)$/.test(k)).map(([, v]) => v)];
}

function jsResponseArgs(c: CallSite): Value[] | null {
  const root = c.callee.split(/[.(]/)[0];
  if (c.isNew && (JS_EXCEPTIONS.test(c.name) || c.name === 'Response' || c.name === 'NextResponse')) return c.args.slice(0, 1);
  if (!JS_SEND.test(c.name) || !JS_RECEIVERS.test(root)) return null;
  return c.args.slice(0, 1);
}

/**
 * The response status is read straight from the exception (`res.status(err.errorCode)`,
 * `HTTPException(status_code=exc.status_code, ...)`, `{ status: err.status }`) with no fallback: the
 * exception is an HTTP error the app raised for clients, so its message is meant to be shown.
 */
function statusFromError(m: CodeModel, c: CallSite, alias: string): boolean {
  const own = new RegExp(`^${alias.replace(/\$/g, '\\$')}\\.\\w+$`);
  if (m.language === 'python') return own.test(c.kwargs.status_code?.text ?? c.kwargs.status?.text ?? '');
  const root = c.callee.split(/[.(]/)[0];
  const statusCall = m.calls.find((x) => x.line === c.line && (x.callee === `${root}.status` || x.callee === `${root}.code`));
  if (statusCall && own.test(statusCall.args[0]?.text ?? '')) return true;
  const init = c.args[1]?.entries?.find((e) => e.key === 'status')?.value;
  return !!init && own.test(init.text);
}

function leaksIn(repo: RepoContext, m: CodeModel, scopes: Scope[], out: ErrorLeak[]): void {
  const py = m.language === 'python';
  const seen = new Set<number>();
  const report = (line: number, what: string, fn: number) => {
    if (seen.has(line) || envGuard(repo, m.file, line)) return;
    seen.add(line);
    const where = enclosingFunctions(m, fn)[0]?.name;
    out.push({ evidence: repo.ev(m.file, line, { note: `${what} sent to the client${where ? ` in ${where}()` : ''}` }), what });
  };
  for (const c of m.calls) {
    const args = py ? pyResponseArgs(c) : jsResponseArgs(c);
    if (!args) continue;
    for (const s of scopesAt(scopes, c.line)) {
      // Fastify's reply.send(error) serialises the error's message; Express's res.json(err) gives `{}`.
      const bare = !py && c.name === 'send' && /^reply\b/.test(c.callee) && args[0]?.kind === 'name' && args[0].text === s.alias;
      const what = bare ? s.alias : args.map((a) => leaksFrom(m, a, s.alias)).find((x) => x);
      if (!what) continue;
      if (!/stack|traceback/.test(what) && statusFromError(m, c, s.alias)) continue;
      report(c.line, what, c.fn);
    }
  }
  if (!py) return;
  // `return {"error": str(e)}`, `return str(e), 500` in a route handler (a helper's return value may never reach a client).
  for (const r of m.returns) {
    if (!r.value || !isRouteHandler(m, r.fn)) continue;
    const v = r.value;
    const body = v.kind === 'list' && v.items?.length ? v.items[0] : v;
    if (body.kind !== 'dict' && body.kind !== 'call' && body.kind !== 'fstring' && body.kind !== 'other') continue;
    if (body.kind === 'call' && !/^(str|repr|traceback\.format_exc|traceback\.format_exception)$/.test(body.callee ?? '')) continue;
    for (const s of scopesAt(scopes, r.line)) {
      const what = leaksFrom(m, body, s.alias);
      if (what) report(r.line, what, r.fn);
    }
  }
}

export function collectErrorLeaks(repo: RepoContext, _facts: FactMap): ErrorLeak[] {
  const models = appModels(repo, ['app']);
  const appErrors = appExceptionNames(models.filter((m) => m.language === 'python'));
  const out: ErrorLeak[] = [];
  for (const m of models) leaksIn(repo, m, m.language === 'python' ? pythonScopes(m, appErrors) : nodeScopes(m), out);
  return out;
}
