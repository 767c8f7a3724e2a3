/**
 * Where a handler answers with a status other than 200: used by health-status.ts. A status that is
 * a literal 200 (`res.status(200)`, `status_code=200`, `HTTP_200_OK`) does not count; any other
 * value (a literal 503, a variable, a ternary) does, since it can carry the failure.
 */
import type { Value } from '../code/model.js';
import type { Span } from './health-status.js';

/** Response constructors whose `status=` keyword (Python) sets the status. */
const PY_RESPONSES = new Set(['Response', 'JSONResponse', 'PlainTextResponse', 'ORJSONResponse', 'UJSONResponse', 'HTMLResponse', 'HttpResponse', 'JsonResponse', 'StreamingResponse']);
/** Exceptions / helpers that answer with an error status. */
export const HTTP_ERRORS = /^(HTTPException|HttpException|ServiceUnavailable|ServiceUnavailableException|HTTPServiceUnavailable|InternalServerError|InternalServerErrorException|abort|createError|createHttpError|httpErrors)$/;
/** An exception raised from an except/catch block (on failure) becomes a 500 (or the framework's error response). */
const RAISED = /^([A-Z]\w*)?(Error|Exception)$/;
/** `res.status(…)`, `res.sendStatus(…)`, `reply.code(…)`, `res.writeHead(…)`, `reply.status(…)`. */
const STATUS_METHODS = new Set(['status', 'sendStatus', 'code', 'writeHead']);

/** `raises`: count a raised exception as an error answer (only in the handler itself: a helper's raise may be caught by the handler). */
export function findStatusSet(span: Span, raises = true): { line: number; what: string } | null {
  const { model, from, to } = span;
  const python = model.language === 'python';
  const inRange = (line: number) => line >= from && line <= to;
  const hits: { line: number; what: string }[] = [];
  for (const c of model.calls) {
    if (!inRange(c.line)) continue;
    const code = c.kwargs.status_code;
    if (code && !is200(code)) hits.push({ line: c.line, what: `status_code=${code.text}` });
    else if (python && PY_RESPONSES.has(c.name) && c.kwargs.status && !is200(c.kwargs.status)) hits.push({ line: c.line, what: `status=${c.kwargs.status.text}` });
    else if (HTTP_ERRORS.test(c.name)) hits.push({ line: c.line, what: `${c.name}(…)` });
    else if (raises && c.handler !== undefined && RAISED.test(c.name) && (python || c.isNew)) hits.push({ line: c.line, what: `raises ${c.name}` });
    else if (!python && STATUS_METHODS.has(c.name) && c.callee.includes('.') && c.args[0] && !is200(c.args[0])) hits.push({ line: c.line, what: `${c.callee}(${c.args[0].text})` });
    else if (python && c.name === 'make_response' && c.args[1] && !is200(c.args[1])) hits.push({ line: c.line, what: `make_response(…, ${c.args[1].text})` });
    else if (!python) {
      // `Response.json(body, { status: 503 })`, `new NextResponse(body, { status })`: options follow the body.
      const opt = c.args.slice(1).flatMap((a) => (a.kind === 'dict' ? (a.entries ?? []) : [])).find((e) => e.key === 'status' || e.key === 'statusCode');
      if (opt && !is200(opt.value)) hits.push({ line: c.line, what: `status: ${opt.value.text}` });
    }
  }
  for (const a of model.assignments) {
    if (!inRange(a.line) || !/\.(status_code|statusCode|status)$/.test(a.target) || is200(a.value)) continue;
    hits.push({ line: a.line, what: `${a.target} = ${a.value.text}` });
  }
  if (python) {
    // Flask: `return jsonify(body), 503`.
    for (const r of model.returns) {
      if (!r.value || !inRange(r.line)) continue;
      const second = r.value.kind === 'list' ? r.value.items?.[1] : r.value.kind === 'other' ? tupleStatus(r.value) : undefined;
      if (second && isStatusLike(second)) hits.push({ line: r.line, what: `returns (…, ${second.text})` });
    }
  }
  hits.sort((a, b) => a.line - b.line);
  return hits[0] ?? null;
}

function is200(v: Value): boolean {
  const t = v.text.replace(/\s+/g, '');
  return t === '200' || t === "'200'" || t === '"200"' || /(^|\.)(HTTP_200_OK|OK)$/.test(t);
}

function isStatusLike(v: Value): boolean {
  if (is200(v)) return false;
  if (v.kind === 'number') return /^[1-5]\d\d$/.test(v.text);
  if (v.kind === 'other' || v.kind === 'binop') return /\b[45]\d\d\b|HTTP_[45]|HTTPStatus\./.test(v.text); // `200 if ok else 503`
  return (v.kind === 'name' || v.kind === 'attr') && /status|code|HTTP_|HTTPStatus/i.test(v.text);
}

/**
 * The builder leaves a bare `return body, code` tuple as an 'other' Value: split its text at
 * top-level commas (outside brackets and quotes) and summarise the second element.
 */
function tupleStatus(v: Value): Value | undefined {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < v.text.length; i++) {
    const ch = v.text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(v.text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(v.text.slice(start).trim());
  if (parts.length < 2) return undefined;
  const text = parts[1];
  const kind = /^\d+$/.test(text) ? 'number' : /^[\w.]+$/.test(text) ? (text.includes('.') ? 'attr' : 'name') : 'other';
  return { kind, text, line: v.line };
}
