/**
 * Does a handler send back a whole table? An unbounded collection query (`.all()`, `.fetchall()` of a
 * SELECT with no LIMIT, Django `Model.objects.filter()` unsliced, Prisma `findMany()` with no `take`,
 * TypeORM `find()` with no `take`, Mongoose `find()` with no `.limit()`, `pool.query('SELECT …')`
 * with no LIMIT) whose result flows into the response (returned, or passed to `res.json`,
 * `jsonify`, `Response`…), directly or through a function the handler calls. Also finds pagination
 * inputs (`limit`/`page`/`cursor` parameters, `req.query.limit`, `paginate()`).
 */
import type { Evidence } from '../../core/evidence.js';
import { assignmentsTo, assignmentsWithin, callsIn, returnsIn } from '../code/lookup.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { PAGE_PARAM } from './names.js';
import type { Program } from './program.js';
import { callsOf, MAX_DEPTH, resolveCall } from './reach.js';
import { originOf, originPackage } from './receivers.js';
import type { FnRef } from './types.js';

const BOUNDED = /\.(limit|take|slice|paginate|first|one|one_or_none|scalar_one|fetchmany|get|top)(\(|$|\.)|\[[^\]]*:[^\]]*\]/;
const SQL_LIMIT = /\blimit\b|\bfetch\s+(first|next)\b|\btop\s*\(?\d|\boffset\b/i;
const RESPONSE_CALLS = /^(json|send|jsonp|jsonify|JsonResponse|Response|HttpResponse|render|make_response|JSONResponse|ORJSONResponse|render_template)$/;

/** The continuations of a call chain: `Note.find().sort().limit` continues `Note.find`. */
function chainOf(model: CodeModel, q: CallSite): CallSite[] {
  const prefix = `${q.callee}()`;
  const out: CallSite[] = [];
  for (const { call: c } of callsIn(model, q.fn)) if (c === q || (c.callee.startsWith(prefix) && Math.abs(c.line - q.line) <= 8)) out.push(c);
  return out;
}

function sqlText(model: CodeModel, fn: number, v: Value | undefined): string | null {
  if (!v) return null;
  if (v.kind === 'string') return v.value ?? '';
  if (v.kind === 'fstring') return v.literal ?? '';
  if (v.kind === 'call' && v.call !== undefined) return sqlText(model, fn, model.calls[v.call].args[0]);
  if (v.kind === 'name') {
    const a = assignmentsTo(model, v.text).filter((x) => x.fn === fn || x.scope === 'module').pop();
    return a ? sqlText(model, fn, a.value) : null;
  }
  return null;
}

/** A SELECT returning rows with no LIMIT (aggregates such as COUNT(*) return one row). */
const unboundedSql = (sql: string | null) => !!sql && /^\s*select\b/i.test(sql) && !SQL_LIMIT.test(sql) && !/^\s*select\s+(count|sum|avg|min|max|exists)\s*\(/i.test(sql) && !/^\s*select\s+1\b/i.test(sql);

const noBoundKey = (v: Value | undefined, keys: RegExp) => !v || (v.kind === 'dict' && !v.text.includes('...') && !(v.entries ?? []).some((e) => keys.test(e.key)));

const unbounded = new WeakMap<Program, Map<CallSite, boolean>>();

/** Is this call a collection query with no bound? Answered once per call and run. */
export function unboundedQuery(prog: Program, model: CodeModel, q: CallSite): boolean {
  let cache = unbounded.get(prog);
  if (!cache) unbounded.set(prog, (cache = new Map()));
  let out = cache.get(q);
  if (out === undefined) {
    out = isUnboundedQuery(prog, model, q);
    cache.set(q, out);
  }
  return out;
}

function isUnboundedQuery(prog: Program, model: CodeModel, q: CallSite): boolean {
  const chain = chainOf(model, q);
  if (chain.some((c) => BOUNDED.test(c.callee))) return false;
  const py = model.language === 'python';
  if (py) {
    if (q.name === 'all' && /(\.query\b|query\(\)|execute\(|scalars\(\)|\.objects\b|select\()/.test(q.callee)) {
      // The bound may sit on the statement: `session.execute(stmt).scalars().all()`, or
      // `result = await session.execute(select(X).limit(n))` then `result.scalars().all()`.
      const texts = [q.callee];
      const assigned = (name: string) => assignmentsTo(model, name).filter((a) => a.fn === q.fn && a.line <= q.line);
      const execs = callsIn(model, q.fn)
        .filter(({ call: c }) => /^(execute|scalars|exec)$/.test(c.name) && c.line >= q.line - 1 && c.line <= q.endLine)
        .map(({ call }) => call);
      const root = /^\(?(?:await\s+)?([\w$]+)\./.exec(q.callee)?.[1];
      for (const a of root ? assigned(root) : []) {
        texts.push(a.value.text);
        if (a.value.kind === 'call' && a.value.call !== undefined) execs.push(model.calls[a.value.call]);
      }
      for (const e of execs) {
        const arg = e.args[0];
        if (arg?.kind === 'name') {
          const defs = assigned(arg.text);
          if (defs.length === 0) return false; // statement built elsewhere: unknown
          texts.push(...defs.map((d) => d.value.text));
        } else if (arg) texts.push(arg.kind === 'call' ? `${arg.callee} ${arg.text}` : arg.text);
      }
      return !texts.some((t) => BOUNDED.test(t.replace(/\s+/g, '')));
    }
    if (q.name === 'fetchall' || (q.name === 'fetch' && q.args.length > 0)) {
      const sqlArg = q.name === 'fetch' ? q.args[0] : callsIn(model, q.fn).filter(({ call: c }) => c.name === 'execute' && c.line <= q.line).pop()?.call.args[0];
      return unboundedSql(sqlText(model, q.fn, sqlArg));
    }
    if (/\.objects(\.\w+\(\))*\.(all|filter|exclude|order_by|values|values_list|select_related|prefetch_related|annotate|distinct|only|defer)$/.test(q.callee)) return true;
    return false;
  }
  if (q.name === 'findMany') return noBoundKey(q.args[0], /^(take|limit|first|last)$/);
  if (q.name === 'getMany' || q.name === 'getRawMany') return /createQueryBuilder/.test(q.callee) || /[Rr]epo(sitory)?\b/.test(q.callee);
  if ((q.name === 'find' || q.name === 'findAndCount' || q.name === 'findBy') && q.args[0]?.kind !== 'function') {
    const recv = q.callee.slice(0, q.callee.lastIndexOf('.'));
    const pkg = originPackage(prog, originOf(prog, model.file, q.fn, recv));
    const o = originOf(prog, model.file, q.fn, recv);
    const typeorm = /[Rr]epo(sitory)?$|getRepository\(\)$/.test(recv) || /Repository</.test(o?.annotation ?? '') || /^typeorm/.test(pkg?.module ?? '');
    const mongoose = /^mongoose/.test(pkg?.module ?? '') || /Model</.test(o?.annotation ?? '') || (o?.value?.kind === 'call' && /(^|\.)model$/.test(o.value.callee ?? ''));
    if (typeorm) return q.args.length === 0 || noBoundKey(q.args[0], /^(take|limit)$/);
    if (mongoose) return true; // chain has no .limit() (checked above)
    return false;
  }
  if (q.name === 'findAll') {
    const recv = q.callee.slice(0, q.callee.lastIndexOf('.'));
    const sym = /^[A-Z][\w$]*$/.test(recv) ? prog.resolveName(model.file, recv) : undefined;
    const sequelize = (sym?.kind === 'class' && prog.model(sym.file)?.classes[sym.cls].bases.some((b) => /\bModel\b/.test(b))) || (sym?.kind === 'value' && /define$/.test(sym.assignment.value.callee ?? ''));
    return !!sequelize && (q.args.length === 0 || noBoundKey(q.args[0], /^limit$/));
  }
  if (/\.select\(\)\.from(\(\)\.(where|orderBy|innerJoin|leftJoin))*$/.test(q.callee)) return true;
  if (q.name === 'query' && /(^|\.)(pool|db|client|conn|connection|pg|sql)$/i.test(q.callee.slice(0, q.callee.lastIndexOf('.')))) return unboundedSql(sqlText(model, q.fn, q.args[0]));
  return false;
}

/** Values a function sends back: its returns, and the arguments of response calls in it. */
function responseValues(model: CodeModel, fn: number): Value[] {
  const out: Value[] = returnsIn(model, fn).filter((r) => r.value).map((r) => r.value as Value);
  for (const { call } of callsOf(model, fn)) if (RESPONSE_CALLS.test(call.name)) out.push(...call.args, ...Object.values(call.kwargs));
  for (const a of assignmentsWithin(model, fn)) if (/^(ctx|context)\.body$/.test(a.target)) out.push(a.value);
  return out;
}

interface Sent {
  calls: Set<number>;
  texts: string[];
}

/** Per model and function: what it sends back, and which of its calls flow into that (both asked once). */
const sentCache = new WeakMap<CodeModel, Map<number, Sent>>();
const flowCache = new WeakMap<CodeModel, Map<string, boolean>>();

function sentBy(model: CodeModel, fn: number): Sent {
  let byFn = sentCache.get(model);
  if (!byFn) sentCache.set(model, (byFn = new Map()));
  let sent = byFn.get(fn);
  if (!sent) {
    sent = { calls: new Set<number>(), texts: [] };
    walkValues(model, responseValues(model, fn), sent.calls, sent.texts);
    byFn.set(fn, sent);
  }
  return sent;
}

function flowsOnce(model: CodeModel, fn: number, qIdx: number): boolean {
  let byKey = flowCache.get(model);
  if (!byKey) flowCache.set(model, (byKey = new Map()));
  const key = `${fn}:${qIdx}`;
  let out = byKey.get(key);
  if (out === undefined) {
    out = flows(model, fn, qIdx, sentBy(model, fn));
    byKey.set(key, out);
  }
  return out;
}

const COUNTS = /^(len|bool|any|exists)$|count/i;

/** Call indices and texts inside a value tree. */
function walkValues(model: CodeModel, vs: Value[], calls: Set<number>, texts: string[], depth = 0): void {
  for (const v of vs) {
    texts.push(v.text);
    if (depth > 6) continue;
    if (v.kind === 'call' && v.call !== undefined && !calls.has(v.call)) {
      calls.add(v.call);
      const c = model.calls[v.call];
      // What a counting call is given is counted, not sent: `len(rows)`, `self.get_filtered_counts(qs)`.
      if (!COUNTS.test(c.name)) walkValues(model, [...c.args, ...Object.values(c.kwargs)], calls, texts, depth + 1);
    }
    walkValues(model, [...(v.items ?? []), ...(v.entries ?? []).map((e) => e.value)], calls, texts, depth + 1);
  }
}

/**
 * `rows` sent as a whole, not one element or its size: `res.json(rows)` and `[r.x for r in rows]`
 * count; `rows[0]`, `result.rows[0]`, `rows.length`, `len(rows)` do not.
 */
function refersToCollection(text: string, name: string): boolean {
  const re = new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\b`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(0, m.index + m[1].length);
    const after = text.slice(m.index + m[0].length);
    // Counted, not sent: `len(qs)`, `count(qs)`, `self.get_filtered_counts(qs)`, `countRows(rows)`.
    if (/(\blen|\bbool|\bany|[\w$]*count[\w$]*)\(\s*$|\b(if|not|and|or)\s+$|[!?]\s*$/i.test(before)) continue;
    if (/^(\.rows)?\s*\[|^(\.rows)?\.(length|rowCount|size|count|first|pop|shift|at)\b|^\.(rows\.)?(find|some|every|includes)\(/.test(after)) continue;
    return true;
  }
  return false;
}

function flows(model: CodeModel, fn: number, qIdx: number, sent: { calls: Set<number>; texts: string[] }): boolean {
  const q = model.calls[qIdx];
  const isQ = (i: number) => i === qIdx || (model.calls[i].fn === q.fn && model.calls[i].callee.startsWith(`${q.callee}()`) && Math.abs(model.calls[i].line - q.line) <= 8);
  if ([...sent.calls].some(isQ)) return true;
  // Assigned, then sent: `notes = q.all(); return notes`, `const { rows } = await pool.query(...)`.
  let names = new Set<string>();
  for (const a of assignmentsWithin(model, fn)) {
    const inner = new Set<number>();
    walkValues(model, [a.value], inner, []);
    if ([...inner].some(isQ)) for (const n of a.target.match(/[\w$]+/g) ?? []) names.add(n);
  }
  for (let hop = 0; hop < 2 && names.size > 0; hop++) {
    const refers = (t: string) => [...names].some((n) => refersToCollection(t, n));
    if (sent.texts.some(refers)) return true;
    const more = new Set<string>();
    for (const a of assignmentsWithin(model, fn)) if (refers(a.value.text)) for (const n of a.target.match(/[\w$]+/g) ?? []) more.add(n);
    // Built row by row: `for check in checks: details.append({...})` sends `details`.
    for (const [li, loop] of model.loops.entries()) {
      if (!loop.iter || !refers(loop.iter.text)) continue;
      for (const c of model.calls) if (c.loop === li && /^(append|push|extend|add)$/.test(c.name)) more.add(c.callee.slice(0, c.callee.lastIndexOf('.')));
    }
    names = more;
  }
  return false;
}

/** `self.get_queryset().filter(…).get(pk=pk)`: what a helper returns is narrowed to one row (or a page) right after. */
function boundedLater(model: CodeModel, call: CallSite): boolean {
  return chainOf(model, call).some((c) => c !== call && BOUNDED.test(c.callee.slice(call.callee.length)));
}

/** Evidence of an unbounded collection the function sends back, following calls to a bounded depth. */
export function returnedList(prog: Program, ref: FnRef, depth = 0, seen = new Set<string>()): Evidence | null {
  const key = `${ref.file}:${ref.fn}`;
  const model = prog.model(ref.file);
  if (!model || seen.has(key) || depth > MAX_DEPTH) return null;
  seen.add(key);
  for (const { call, idx } of callsOf(model, ref.fn)) {
    let ev: Evidence | null = null;
    if (unboundedQuery(prog, model, call)) ev = prog.repo.ev(model.file, call.line, { note: 'unbounded query' });
    else if (!boundedLater(model, call)) {
      const target = resolveCall(prog, model, call);
      if (target) ev = returnedList(prog, target, depth + 1, seen);
    }
    if (ev && flowsOnce(model, ref.fn, idx)) return ev;
  }
  return null;
}

/** Evidence that the handler takes pagination input or paginates. */
export function paginationOf(prog: Program, ref: FnRef): Evidence | null {
  const model = prog.model(ref.file);
  if (!model) return null;
  const fn = model.functions[ref.fn];
  const ev = (line: number, note: string) => prog.repo.ev(ref.file, line, { note });
  for (const p of fn.params) {
    const name = p.name.replace(/^[*{\s]+|[}\s]+$/g, '');
    if (PAGE_PARAM.test(name)) return ev(fn.line, `${name} parameter`);
    if (/Pagination|PageParams|Params\b|Paginat/.test(p.annotation ?? '')) return ev(fn.line, `${p.annotation} parameter`);
    for (const d of p.decorators ?? []) {
      const arg = d.call !== undefined ? model.calls[d.call]?.args[0] : undefined;
      if (/^Query$/.test(d.callee ?? '') && PAGE_PARAM.test(arg?.value ?? '')) return ev(d.line, `@Query('${arg?.value}')`);
    }
  }
  for (const { call } of callsOf(model, ref.fn)) {
    if (/^(paginate|Paginator|paginate_queryset)$/.test(call.name)) return ev(call.line, call.name);
    // A project helper handed a DRF pagination class: `get_paginated_response(pagination_class=self.Pagination, …)`.
    if (call.kwargs.pagination_class || (/paginat/i.test(call.name) && call.args.some((a) => /Pagination\b/.test(a.text)))) return ev(call.line, `${call.name}() with a pagination class`);
    const key = call.args[0]?.value ?? '';
    const recv = call.callee.slice(0, Math.max(0, call.callee.lastIndexOf('.')));
    const fromRequest = call.name === 'query' || /(^|\.)(args|GET|query_params|searchParams|query|params|req)$/.test(recv);
    if (fromRequest && /^(get|query|getlist|get_argument)$/.test(call.name) && PAGE_PARAM.test(key)) return ev(call.line, `${key} query parameter`);
    if (call.args.some((a) => /\.query\.(limit|page|offset|cursor|skip|take|pageSize|perPage|per_page|page_size)\b/.test(a.text))) return ev(call.line, 'pagination query parameter');
  }
  for (const a of assignmentsWithin(model, ref.fn)) {
    const fromQuery = /\b(req|request|ctx|c\.req)\.(query|args|GET|query_params)\b|searchParams|^query$/.test(a.value.text);
    if (fromQuery && (a.target.match(/[\w$]+/g) ?? []).some((n) => PAGE_PARAM.test(n))) return ev(a.line, 'pagination query parameter');
  }
  return null;
}
