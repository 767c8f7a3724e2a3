/**
 * 'request-id' markers: a request / correlation id is generated or read per request, so one request
 * can be followed through the logs and returned to the caller.
 * Credited: asgi-correlation-id, starlette-context's RequestIdPlugin, django-guid (and other request-id
 * middlewares named in Django MIDDLEWARE), flask-request-id / flask-log-request-id, express-request-id,
 * cls-rtracer, hono's requestId, pino-http / Fastify `genReqId`, Fastify `requestIdHeader`,
 * nestjs-cls `generateId: true`, and hand-written middleware that reads or sets `X-Request-ID` /
 * `X-Correlation-ID` (the header name in code, outside CORS allow/expose lists, which only let a
 * header through and generate nothing), or that generates one (`request_id = str(uuid4())`,
 * `req.id = randomUUID()`, a `request_id` ContextVar / AsyncLocalStorage).
 */
import type { CodeModel, Value } from '../code/model.js';
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { depMarkers, entriesIn, lastLine, libMarkers, type DepSpec, type LibSpec, type Scanned } from './scan.js';

const LIBS: LibSpec[] = [
  { detail: 'asgi-correlation-id', lang: 'python', modules: ['asgi_correlation_id'], args: ['CorrelationIdMiddleware'], calls: ['CorrelationIdMiddleware'], importCredits: true },
  { detail: 'starlette-context RequestIdPlugin', lang: 'python', modules: ['starlette_context'], calls: ['RequestIdPlugin', 'CorrelationIdPlugin'] },
  { detail: 'django-guid', lang: 'python', modules: ['django_guid'], importCredits: true },
  { detail: 'flask-request-id', lang: 'python', modules: ['flask_request_id', 'flask_log_request_id'], calls: ['RequestID'], importCredits: true },
  { detail: 'express-request-id', lang: 'node', modules: ['express-request-id'], calls: ['requestId', 'addRequestId'], importCredits: true },
  { detail: 'cls-rtracer', lang: 'node', modules: ['cls-rtracer'], calls: ['expressMiddleware', 'fastifyPlugin', 'koaMiddleware', 'hapiPlugin'], importCredits: true },
  { detail: 'hono requestId', lang: 'node', modules: ['hono/request-id'], calls: ['requestId'], importCredits: true },
  { detail: 'correlation-id', lang: 'node', modules: ['express-correlation-id', 'correlation-id'], importCredits: true },
];

const DEPS: DepSpec[] = [
  { detail: 'asgi-correlation-id', names: ['asgi-correlation-id'] },
  { detail: 'django-guid', names: ['django-guid'] },
  { detail: 'flask-request-id', names: ['flask-request-id', 'flask-log-request-id'] },
  { detail: 'express-request-id', names: ['express-request-id'] },
  { detail: 'cls-rtracer', names: ['cls-rtracer'] },
];

const HEADER = /^(x-)?(request|correlation)-id$/i;
/** Django exposes request headers in request.META as HTTP_X_REQUEST_ID. */
const META_HEADER = /^(HTTP_)?X_(REQUEST|CORRELATION)_ID$/;
/** The middleware is what assigns ids; being in INSTALLED_APPS alone does not. */
const SETTINGS_LISTS = new Set(['MIDDLEWARE', 'MIDDLEWARE_CLASSES']);
const MIDDLEWARE_PATH = /django_guid|log_request_id|request_id|correlation/i;

export function requestIdMarkers(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Marker[] {
  const out = libMarkers(repo, files, 'request-id', LIBS);
  for (const s of files) {
    const add = (detail: string, line: number) => out.push({ kind: 'request-id', detail, evidence: repo.ev(s.file.path, line), scope: 'app' });
    const m = s.model;
    for (const c of m.calls) {
      for (const e of entriesIn(c)) {
        const off = e.value.kind === 'bool' && e.value.value === 'false';
        if ((e.key === 'genReqId' || e.key === 'requestIdHeader') && !off) add(`${e.key} option`, e.value.line);
        else if (e.key === 'generateId' && e.value.kind === 'bool' && e.value.value === 'true') add('nestjs-cls generateId', e.value.line);
      }
    }
    const headerLines = new Set<number>();
    for (const n of m.notableStrings) if (HEADER.test(n.value) && !inCorsContext(m, n.line)) headerLines.add(n.line);
    for (const c of m.calls) for (const a of c.args) if (a.kind === 'string' && META_HEADER.test(a.value ?? '')) headerLines.add(a.line);
    const first = [...headerLines].sort((a, b) => a - b)[0];
    if (first !== undefined) add('request id header', first);
    // Hand-written ids: `request_id = str(uuid4())`, `req.id = randomUUID()`, a ContextVar / AsyncLocalStorage for it.
    const generated = m.assignments.find((a) =>
        generatesRequestId(a.target, a.value) &&
        // At module level only a per-request holder counts (a uuid made there is one per process).
        (a.scope === 'module' ? /\b(ContextVar|AsyncLocalStorage)\b/.test(a.value.text) : inRequestScope(m, a.fn)),
    );
    if (generated) add('request id generated per request', generated.line);
    if (s.python) {
      for (const a of m.assignments) {
        if (a.scope !== 'module' || !SETTINGS_LISTS.has(a.target)) continue;
        const item = (a.value.items ?? []).find((i) => i.kind === 'string' && MIDDLEWARE_PATH.test(i.value ?? ''));
        if (item) add(item.value ?? 'request id middleware', item.line);
      }
    }
  }
  return [...out, ...depMarkers(repo, facts, 'request-id', DEPS, out)];
}

/** A header name inside a CORS configuration (allow/expose lists) says nothing about generating ids. */
function inCorsContext(m: CodeModel, line: number): boolean {
  const corsCall = m.calls.some(
    (c) => c.line <= line && line <= c.endLine && (/cors/i.test(c.callee) || /cors/i.test(c.args[0]?.text ?? '')),
  );
  if (corsCall) return true;
  return m.assignments.some((a) => /cors|allow_headers|expose_headers|allowedheaders|exposedheaders/i.test(a.target) && a.line <= line && line <= lastLine(a.value));
}

const ID_TARGET = /(^|[._])_?(request|correlation)_?id(_ctx(_var)?|_var|_context|Storage|Context)?$/i;
const REQ_ID_PROPERTY = /^(req|request)\.(id|requestId|request_id)$/;
const ID_SOURCE = /\b(uuid\d?|uuid\.uuid\d|randomUUID|nanoid|ulid|token_hex|ContextVar|AsyncLocalStorage)\b/;

function generatesRequestId(target: string, value: Value): boolean {
  if (value.kind !== 'call' && value.kind !== 'binop') return false;
  if (!ID_TARGET.test(target) && !REQ_ID_PROPERTY.test(target)) return false;
  return ID_SOURCE.test(value.text);
}

/**
 * The function handles an incoming request (a middleware or handler: it takes the request, or the
 * next handler). An id made elsewhere is usually an idempotency key for an outbound API call.
 */
function inRequestScope(m: CodeModel, fn: number): boolean {
  for (let f = fn; f >= 0; f = m.functions[f].parent) {
    if (m.functions[f].params.some((p) => /^(request|req|scope|ctx|call_next|next)$/.test(p.name))) return true;
  }
  return false;
}
