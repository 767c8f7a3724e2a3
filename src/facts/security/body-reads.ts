/**
 * Where a route handler reads the request body raw, per framework, from the code model only:
 * calls (`request.json()`, `request.get_json()`, `json.loads(request.body)`), values mentioning
 * `req.body` / `request.json` / `request.form` (assignments, arguments, returns inside the handler),
 * and typed parameters (FastAPI `dict` bodies, Nest `@Body()` parameters).
 */
import type { CodeModel, FunctionDef, Value } from '../code/model.js';
import type { Framework } from '../fact-map.js';
import { within } from '../routes/reach.js';
import { walkValue } from './code-util.js';

export interface BodyRead {
  line: number;
  what: string;
  /** A Nest `@Body()` parameter typed with a class: validated only by a ValidationPipe. */
  dto?: boolean;
}

/** The handler function's index, from the route's handler lines. */
export function handlerIndex(m: CodeModel, line: number, endLine: number): number {
  return m.functions.findIndex((f) => f.line === line && f.endLine === endLine);
}

const UNTYPED_DICT = /^(dict|Dict|dict\[.*\]|Dict\[.*\]|typing\.Dict(\[.*\])?|Mapping\[.*\]|typing\.Any|Any)$/s;
const LOOSE_TS = /^(any|object|unknown|Object|Record<.*>|\{\s*\[.*\]:.*\})$/s;

/** Values written inside the handler (its closures included): assignments, call arguments, returns. */
function* handlerValues(m: CodeModel, fn: number): Generator<Value> {
  for (const a of m.assignments) if (a.fn >= 0 && within(m, a.fn, fn)) yield* walkValue(a.value);
  for (const c of m.calls) {
    if (c.fn < 0 || !within(m, c.fn, fn)) continue;
    for (const a of [...c.args, ...Object.values(c.kwargs)]) if (a.kind !== 'function') yield* walkValue(a);
  }
  for (const r of m.returns) if (r.value && r.fn >= 0 && within(m, r.fn, fn)) yield* walkValue(r.value);
}

function callsIn(m: CodeModel, fn: number) {
  return m.calls.filter((c) => c.fn >= 0 && within(m, c.fn, fn));
}

function firstMention(m: CodeModel, fn: number, re: RegExp): BodyRead | null {
  let best: BodyRead | null = null;
  for (const v of handlerValues(m, fn)) {
    if (v.kind === 'function' || v.kind === 'string') continue;
    const hit = re.exec(v.text);
    if (hit && (!best || v.line < best.line)) best = { line: v.line, what: hit[0] };
  }
  for (const c of callsIn(m, fn)) {
    const hit = re.exec(c.callee);
    if (hit && (!best || c.line < best.line)) best = { line: c.line, what: hit[0] };
  }
  return best;
}

function python(m: CodeModel, f: FunctionDef, fn: number, framework: Framework, path: string): BodyRead[] {
  const out: BodyRead[] = [];
  if (framework === 'fastapi' || framework === 'starlette') {
    const reqs = f.params.filter((p) => /(^|\.)Request$/.test(p.annotation ?? '')).map((p) => p.name);
    for (const c of callsIn(m, fn)) {
      const mm = /^([\w]+)\.(json|body|form)$/.exec(c.callee);
      if (mm && reqs.includes(mm[1])) out.push({ line: c.line, what: `${c.callee}()` });
    }
    if (framework === 'fastapi') {
      for (const p of f.params) {
        if (!p.annotation || !UNTYPED_DICT.test(p.annotation.trim()) || path.includes(`{${p.name}}`)) continue;
        const d = p.default?.kind === 'call' ? p.default.callee ?? '' : '';
        const isBody = /(^|\.)Body$/.test(d) || (!d && !/Any$/.test(p.annotation));
        if (isBody) out.push({ line: f.line, what: `${p.name}: ${p.annotation}` });
      }
    }
  }
  if (framework === 'flask') {
    const hit = firstMention(m, fn, /\brequest\.(get_json|json|form)\b/);
    if (hit) out.push(hit);
  }
  if (framework === 'django') {
    const req = f.params.find((p) => p.name !== 'self')?.name ?? 'request';
    for (const c of callsIn(m, fn)) {
      if (/^(json\.loads|loads|orjson\.loads|ujson\.loads)$/.test(c.callee) && c.args.some((a) => new RegExp(`\\b${req}\\.body\\b`).test(a.text))) {
        out.push({ line: c.line, what: `json.loads(${req}.body)` });
      }
    }
  }
  return out;
}

function node(m: CodeModel, f: FunctionDef, fn: number, framework: Framework): BodyRead[] {
  const out: BodyRead[] = [];
  if (framework === 'nestjs') {
    for (const p of f.params) {
      const body = p.decorators?.find((d) => d.kind === 'call' && d.callee === 'Body');
      if (!body) continue;
      const call = body.call !== undefined ? m.calls[body.call] : undefined;
      if (call && call.args.length > 0) continue; // `@Body('field')` or `@Body(pipe)`: one field / a pipe
      const type = (p.annotation ?? '').replace(/^:\s*/, '').trim();
      if (!type || LOOSE_TS.test(type)) out.push({ line: body.line, what: `@Body() ${p.name}${type ? `: ${type}` : ''}` });
      else if (/^[A-Z][\w.]*$/.test(type)) out.push({ line: body.line, what: `@Body() ${p.name}: ${type}`, dto: true });
    }
    return out;
  }
  const req = f.params[0]?.name;
  if (!req || !/^[\w$]+$/.test(req)) return out;
  if (framework === 'nextjs') {
    for (const c of callsIn(m, fn)) if (c.callee === `${req}.json` || c.callee === `${req}.formData`) out.push({ line: c.line, what: `${c.callee}()` });
  }
  if (framework === 'hono') {
    for (const c of callsIn(m, fn)) if (c.callee === `${req}.req.json` || c.callee === `${req}.req.parseBody`) out.push({ line: c.line, what: `${c.callee}()` });
  }
  const prop = framework === 'koa' ? `${req}\\.request\\.body` : `${req}\\.body`;
  const hit = firstMention(m, fn, new RegExp(`(?<![\\w$.])${prop.replace(/\$/g, '\\$')}\\b`));
  if (hit) out.push(hit);
  return out.sort((a, b) => a.line - b.line);
}

/** Raw body reads in handler `fn`, earliest first. */
export function bodyReads(m: CodeModel, fn: number, framework: Framework, path: string): BodyRead[] {
  const f = m.functions[fn];
  const reads = m.language === 'python' ? python(m, f, fn, framework, path) : node(m, f, fn, framework);
  return reads.sort((a, b) => a.line - b.line);
}
