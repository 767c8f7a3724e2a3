/**
 * Per-row queries (n-plus-one): a database query run once per item of a loop whose items are
 * themselves query results. Both ends must be seen:
 * - the loop iterates a query call (`db.query(User).all()`, `Order.objects.filter(…)`,
 *   `prisma.post.findMany()`, `pool.query(…)`), or a name assigned from one earlier in the function
 *   (`rows = …`, `const { rows } = await pool.query(…)`), directly or as `.scalars()`/`.rows`;
 * - inside the loop body (CallSite.loop), a query call: SQLAlchemy session `query/execute/get/scalar(s)`,
 *   Django `Model.objects.get/filter/…`, Prisma `prisma.<model>.findX / count`, TypeORM repositories
 *   `findOne*`/`findBy`, Sequelize `findByPk/findOne/findAll`, Mongoose `findById/findOne`, pg/knex `query`;
 * - or (Python) a lazy relationship read on the loop variable (`for n in notes: n.owner.email`), when
 *   `owner` is a `relationship(...)` / Django ForeignKey / reverse manager declared in the repo's
 *   models without an eager `lazy=` strategy, and the iterated query loads nothing eagerly
 *   (selectinload / joinedload / select_related / prefetch_related …).
 * Both ends may also be one function away: `for p in project_service.get_all(db)` where get_all runs
 * a query, and `user_service.get(db, id)` inside the loop where get runs one (the call resolver of
 * the route extractor follows the names).
 */
import type { CallSite, CodeModel, Loop, Value } from '../code/model.js';
import type { FactMap, PerRowQuery } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { findImport, scannedFiles, walkValue, type Scanned } from '../observability/scan.js';
import { programFor, type Program } from '../routes/program.js';
import { callsOf, resolveCall } from '../routes/reach.js';

const PY_SESSION = /(^|\.)(session|db|db_session|dbsession|sess|conn|connection|cursor|cur)$/i;
const PY_SESSION_METHODS = new Set(['query', 'execute', 'get', 'scalars', 'scalar', 'fetch', 'fetchrow', 'fetchval', 'fetch_all', 'fetch_one']);
const DJANGO_READ = /^([A-Z]\w*)\.objects\.(get|filter|exclude|count|exists|first|last|aggregate|values|values_list|all|get_or_create)$/;
const JS_QUERY: RegExp[] = [
  /(^|\.)prisma\.\w+\.(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|count|aggregate)$/,
  /(^|\.)\w*(repo|repository|Repository|Repo)\.(findOne|findOneBy|findOneOrFail|findBy|find|count)$/,
  /^[A-Z]\w*\.(findByPk|findOne|findAll|findById|countDocuments)$/,
  /(^|\.)(pool|db|knex|pg|conn|connection)\.query$/,
];
/** `client.query` is a SQL query only where a SQL driver is imported (GraphQL clients have `query` too). */
const JS_CLIENT_QUERY = /(^|\.)client\.query$/;
const SQL_DRIVERS = ['pg', 'mysql2', 'mysql', 'postgres', '@neondatabase/serverless', '@vercel/postgres'];
const EAGER = /selectinload|joinedload|subqueryload|contains_eager|immediateload|select_related|prefetch_related/;

export function collectPerRowQueries(repo: RepoContext, _facts: FactMap): PerRowQuery[] {
  const files = scannedFiles(repo, ['app']);
  const relations = relationNames(files);
  const out: PerRowQuery[] = [];
  const prog = programFor(repo);
  for (const s of files) {
    const m = s.model;
    if (m.loops.length === 0) continue;
    const py = s.python;
    const seen = new Set<string>();
    const report = (loop: Loop, line: number, kind: PerRowQuery['kind'], what: string) => {
      const key = `${line}:${kind}`;
      if (seen.has(key)) return;
      seen.add(key);
      const note = `loop at line ${loop.line} over ${loop.iter?.text ?? 'query results'}`;
      out.push({ family: py ? 'py' : 'node', kind, evidence: repo.ev(m.file, line, { note }), what });
    };
    const rowsLoop = m.loops.map((l) => rowsSource(prog, m, l, py));
    for (const c of m.calls) {
      if (c.loop === undefined || !rowsLoop[c.loop] || perItemSession(m, m.loops[c.loop], c)) continue;
      if (isQuery(c, py, m)) report(m.loops[c.loop], c.line, 'query', `${c.callee}()`);
      else {
        const via = helperQuery(prog, m, c, py);
        if (via) report(m.loops[c.loop], c.line, 'query', `${c.callee}() (which runs ${via})`);
      }
    }
    if (!py) continue;
    m.loops.forEach((loop, li) => {
      const src = rowsLoop[li];
      if (!src || EAGER.test(src) || !/^\w+$/.test(loop.target)) return;
      for (const v of valuesIn(m, loop)) {
        const hit = new RegExp(`^${loop.target}\\.(\\w+)(\\.|$)`).exec(v.text);
        // The relationship must belong to a model the iterated query names.
        const owners = hit ? relations.get(hit[1]) : undefined;
        if (owners && [...owners].some((o) => new RegExp(`\\b${o}\\b`).test(src))) report(loop, v.line, 'relationship', `${loop.target}.${hit![1]}`);
      }
    });
  }
  return out;
}

function isQuery(c: CallSite, py: boolean, m?: CodeModel): boolean {
  if (py) {
    if (DJANGO_READ.test(c.callee)) return true;
    const dot = c.callee.lastIndexOf('.');
    if (dot <= 0 || !PY_SESSION_METHODS.has(c.name) || !PY_SESSION.test(c.callee.slice(0, dot)) || c.callee.includes('()')) return false;
    // `session.get(User, id)` takes a model class; an HTTP session's `get` takes a URL.
    return c.name !== 'get' || /^[A-Z]\w*$/.test(c.args[0]?.text ?? '');
  }
  const callee = c.callee.replace(/^this\./, '');
  if (JS_QUERY.some((re) => re.test(callee))) return true;
  return !!m && JS_CLIENT_QUERY.test(callee) && !!findImport(m, SQL_DRIVERS);
}

/**
 * The loop opens a session / connection for each item before the query (`with
 * get_organization_session(org.slug) as s:`, `session_scope(engine)`, `engine.execution_options(…)`):
 * a per-tenant or per-database iteration, where the queries cannot be merged into one.
 */
const OPENS_SESSION = /(^|_)(session|session_scope|sessionmaker|scoped_session|execution_options|connect|create_engine|get_connection)$/i;

function perItemSession(m: CodeModel, loop: Loop, c: CallSite): boolean {
  return m.calls.some((o) => o !== c && o.line <= c.line && o.line >= loop.line && o.line <= loop.endLine && o.loop !== undefined && m.loops[o.loop] === loop && OPENS_SESSION.test(o.name));
}

/** The query a called function runs directly (`db.query` at file:line), when the call resolves to one. */
function helperQuery(prog: Program, m: CodeModel, c: CallSite, py: boolean): string | undefined {
  const t = resolveCall(prog, m, c);
  const tm = t ? prog.model(t.file) : undefined;
  if (!t || !tm || (tm === m && m.functions[t.fn] && c.fn === t.fn)) return undefined;
  const q = callsOf(tm, t.fn).find(({ call }) => isQuery(call, py, tm));
  return q ? `${q.call.callee} at ${tm.file}:${q.call.line}` : undefined;
}

/** The query text a loop iterates, when it iterates query results; undefined otherwise. */
function rowsSource(prog: Program, m: CodeModel, loop: Loop, py: boolean): string | undefined {
  const iter = loop.iter;
  if (!iter) return undefined;
  const fromCall = (v: Value): string | undefined => {
    const calls = walkValue(v).filter((x) => x.kind === 'call' && x.call !== undefined).map((x) => m.calls[x.call as number]);
    // Chained calls are separate CallSites on the same line: `db.query(X).all()` holds `db.query`.
    const inner = m.calls.filter((c) => c.line >= v.line && c.line <= v.line + 2 && v.text.includes(c.callee.split('(')[0]));
    const all = [...calls, ...inner];
    if (all.some((c) => isQuery(c, py, m))) return v.text;
    // One function away: `project_service.get_all(db_session=db)` whose body runs the query.
    return all.some((c) => helperQuery(prog, m, c, py)) ? v.text : undefined;
  };
  if (iter.kind === 'call') return fromCall(iter);
  // `for r in rows`, `for r in result.scalars()`, `rows.map(…)`, `res.rows`: the head name's last assignment.
  const head = /^(\w+)/.exec(iter.text)?.[1];
  if (!head) return undefined;
  const assigned = m.assignments
    .filter((a) => a.line < loop.line && (a.target === head || new RegExp(`^[{\\[(]?(.*[,{\\s])?${head}([,}\\s].*)?[}\\])]?$`).test(a.target)) && enclosing(m, a.fn, loop.fn))
    .pop();
  return assigned ? fromCall(assigned.value) : undefined;
}

/** True when function `outer` is `inner` or encloses it (-1: module level encloses all). */
function enclosing(m: CodeModel, outer: number, inner: number): boolean {
  if (outer === -1) return true;
  for (let f = inner; f >= 0; f = m.functions[f].parent) if (f === outer) return true;
  return false;
}

/** Values read inside the loop body: call arguments, assigned values, returned values. */
function valuesIn(m: CodeModel, loop: Loop): Value[] {
  const inBody = (line: number) => line > loop.line || (line === loop.line && loop.kind === 'comprehension');
  const within = (line: number) => line >= loop.line && line <= loop.endLine && inBody(line);
  const out: Value[] = [];
  for (const c of m.calls) if (c.loop !== undefined && m.loops[c.loop] === loop) for (const a of [...c.args, ...Object.values(c.kwargs)]) out.push(...walkValue(a));
  for (const a of m.assignments) if (within(a.line)) out.push(...walkValue(a.value));
  for (const r of m.returns) if (r.value && within(r.line)) out.push(...walkValue(r.value));
  // A call on the relationship itself (`order.items.count()`): its callee names the attribute.
  for (const c of m.calls) if (c.loop !== undefined && m.loops[c.loop] === loop) out.push({ kind: 'attr', text: c.callee, line: c.line });
  return out.filter((v) => v.kind === 'attr' && v.text.includes('.'));
}

/**
 * Relationship attribute names declared in the models that load lazily: SQLAlchemy
 * `relationship(...)` without an eager `lazy=`, Django ForeignKey / OneToOne / ManyToMany fields,
 * and Django reverse managers named by `related_name`.
 */
function relationNames(files: Scanned[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (name: string, owner: string | undefined) => {
    if (!owner) return;
    if (!out.has(name)) out.set(name, new Set());
    out.get(name)?.add(owner.replace(/^.*\./, ''));
  };
  for (const s of files) {
    if (!s.python) continue;
    const m = s.model;
    for (const a of m.assignments) {
      if (a.scope !== 'class' || a.value.kind !== 'call' || a.value.call === undefined) continue;
      const c = m.calls[a.value.call];
      if (/(^|\.)relationship$/.test(c.callee)) {
        const lazy = c.kwargs.lazy?.kind === 'string' ? c.kwargs.lazy.value : undefined;
        if (!lazy || lazy === 'select' || lazy === 'True') add(a.target, a.className);
      } else if (/^(models\.)?(ForeignKey|OneToOneField|ManyToManyField)$/.test(c.callee)) {
        add(a.target, a.className);
        const related = c.kwargs.related_name;
        const target = c.args[0]?.kind === 'string' ? c.args[0].value : c.args[0]?.text;
        if (related?.kind === 'string' && related.value && related.value !== '+') add(related.value, target);
      }
    }
  }
  return out;
}
