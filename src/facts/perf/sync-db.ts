/**
 * Sync database engines / drivers that async request handlers use (sync-db-in-async-app).
 * An `async def` handler runs on the event loop: a sync driver call there blocks every other
 * request of the process until the database answers. (FastAPI runs plain `def` routes in a thread
 * pool, so those are fine and not looked at.)
 *
 * Sources, per service: SQLAlchemy `create_engine` (sync by construction; SQLite URLs skipped), with
 * the session factories bound to it (`sessionmaker(bind=engine)`, `Session(engine)`) and the
 * dependency functions that open them (`get_db`); `psycopg2.connect` / `pymysql.connect` /
 * `MySQLdb.connect`; `pymongo.MongoClient` and the names derived from the client at module level.
 * Uses: in an async handler (FastAPI/Starlette routes and `@app.middleware("http")` functions;
 * Quart/Sanic/aiohttp async route functions),
 * a `Depends(get_db)` parameter (also through an `Annotated[..., Depends(get_db)]` alias), or a call
 * to a factory / engine / client, directly or one function level down. Handlers that offload work
 * (`run_in_threadpool`, `asyncio.to_thread`, `run_in_executor`) are left out.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel } from '../code/model.js';
import type { FactMap, SyncDbUse } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isSqliteUrl } from '../runtime/values.js';
import { callsOf, resolveCall } from '../routes/reach.js';
import { programFor } from '../routes/program.js';
import { findImport, scannedFiles, type Scanned } from '../observability/scan.js';

interface Source {
  engine: Evidence;
  driver: string;
  /** Names whose call opens a sync session / connection: SessionLocal, a factory, psycopg2.connect … */
  openers: Set<string>;
  /** Names whose attribute calls use the engine / client: engine, client, db. */
  objects: Set<string>;
  /** Functions that open a session / connection (dependency providers such as get_db). */
  providers: Set<string>;
  /** Module-level `Annotated[Session, Depends(get_db)]` aliases, from any file of the service. */
  aliases: Set<string>;
  uses: Evidence[];
}

const CONNECT = /^(psycopg2|pymysql|MySQLdb|mysql\.connector)\.connect$/;

export function collectSyncDbUses(repo: RepoContext, facts: FactMap): SyncDbUse[] {
  // One group for the whole repository: service roots can split one package (an Alembic folder with
  // its own alembic.ini becomes a root), and names are matched through imports (`visible`) anyway.
  const files = scannedFiles(repo).filter((s) => s.python);
  const out: SyncDbUse[] = [];
  {
    const framework = asyncFramework(files);
    if (!framework) return out;
    out.push(...asyncDrivers(repo, files, framework));
    const sources = findSources(repo, files);
    for (const h of asyncHandlers(repo, facts, files)) {
      for (const src of sources) {
        const use = useIn(repo, src, h.model, h.fn);
        if (use) src.uses.push({ ...use, note: `${h.label}${use.note ? `: ${use.note}` : ''}` });
      }
    }
    for (const src of sources) out.push({ framework, engine: src.engine, driver: src.driver, sync: true, uses: src.uses });
  }
  return out;
}

const ASYNC_DRIVERS: [RegExp, string[]][] = [
  [/^((sqlalchemy\.ext\.asyncio|sqlmodel\.ext\.asyncio)\.)?create_async_engine$/, ['sqlalchemy', 'sqlmodel']],
  [/^asyncpg\.(connect|create_pool)$/, ['asyncpg']],
  [/^(motor\.motor_asyncio\.)?AsyncIOMotorClient$/, ['motor']],
  [/^(databases\.)?Database$/, ['databases']],
  [/^(aiomysql|aiopg)\.(connect|create_pool)$/, ['aiomysql', 'aiopg']],
];

/** Async engines / drivers created in the service: pass evidence. */
function asyncDrivers(repo: RepoContext, files: Scanned[], framework: string): SyncDbUse[] {
  const out: SyncDbUse[] = [];
  for (const s of files) {
    for (const c of s.model.calls) {
      const hit = ASYNC_DRIVERS.find(([re, mods]) => re.test(c.callee) && findImport(s.model, mods));
      if (hit) out.push({ framework, engine: repo.ev(s.model.file, c.line, { endLine: c.endLine }), driver: c.callee, sync: false, uses: [] });
    }
  }
  return out;
}

function asyncFramework(files: Scanned[]): string | undefined {
  for (const [fw, mods] of [['fastapi', ['fastapi']], ['starlette', ['starlette']], ['quart', ['quart']], ['sanic', ['sanic']], ['aiohttp', ['aiohttp.web']]] as const) {
    if (files.some((s) => findImport(s.model, mods))) return fw;
  }
  return undefined;
}

/** Module-level names assigned the value of call `c`. */
function namesAssigned(m: CodeModel, c: CallSite): string[] {
  return m.assignments.filter((a) => a.scope === 'module' && a.line <= c.line && c.line <= a.line + 3 && a.value.kind === 'call' && a.value.text.includes(c.callee)).map((a) => a.target);
}

/** The name means the same thing in this file: dotted (a module path), defined at module level here, or imported. */
function visible(m: CodeModel, name: string): boolean {
  if (name.includes('.')) return true;
  return m.assignments.some((a) => a.scope === 'module' && a.target === name) || m.functions.some((f) => f.parent < 0 && !f.className && f.name === name) || m.imports.some((i) => i.names.includes(name));
}

function findSources(repo: RepoContext, files: Scanned[]): Source[] {
  const sources: Source[] = [];
  for (const s of files) {
    const m = s.model;
    const sa = !!findImport(m, ['sqlalchemy', 'sqlmodel']);
    for (const c of m.calls) {
      let driver: string | undefined;
      if (sa && /^((sqlalchemy|sa|sqlmodel)\.)?create_engine$/.test(c.callee)) {
        const url = c.args[0] ?? c.kwargs.url;
        const lit = url?.kind === 'string' ? url.value : url?.kind === 'fstring' ? url.literal : undefined;
        if (isSqliteUrl(lit) || c.kwargs.connect_args?.text.includes('check_same_thread')) continue;
        const drv = lit ? /^\w+\+(\w+):/.exec(lit)?.[1] : undefined;
        driver = `create_engine (${drv ?? 'default sync driver'})`;
      } else if (CONNECT.test(c.callee)) driver = c.callee;
      else if ((c.callee === 'MongoClient' && findImport(m, ['pymongo'])) || c.callee === 'pymongo.MongoClient') driver = 'pymongo.MongoClient';
      if (!driver) continue;
      const src: Source = { engine: repo.ev(m.file, c.line, { endLine: c.endLine }), driver, openers: new Set(), objects: new Set(), providers: new Set(), aliases: new Set(), uses: [] };
      if (CONNECT.test(c.callee)) src.openers.add(c.callee);
      // The engine / client names: assigned here, or through a factory function that returns it.
      const names = namesAssigned(m, c);
      if (c.fn >= 0) {
        const factory = m.functions[c.fn].name;
        for (const x of files) for (const a of x.model.assignments) if (a.scope === 'module' && a.value.kind === 'call' && a.value.callee === factory) names.push(a.target);
        src.openers.add(factory);
      }
      for (const n of names) src.objects.add(n);
      if (driver === 'pymongo.MongoClient') deriveHandles(files, src);
      sources.push(src);
    }
  }
  for (const src of sources) {
    // Session factories bound to a sync engine: `SessionLocal = sessionmaker(bind=engine)`.
    if (src.driver.startsWith('create_engine')) {
      for (const s of files) for (const a of s.model.assignments) {
        if (a.scope !== 'module' || a.value.kind !== 'call' || !/sessionmaker\(|scoped_session\(/.test(a.value.text)) continue;
        if (/async_sessionmaker|AsyncSession/.test(a.value.text)) continue;
        if ([...src.objects].some((n) => new RegExp(`[(,=\\s]${n}\\b`).test(a.value.text))) src.openers.add(a.target);
      }
    }
    // Functions that open a session or connection (get_db), then Annotated aliases of Depends on them.
    // A function provides the source when one of its calls, its closures' included, opens it: each
    // call is judged once and marks its function and every enclosing one.
    for (const s of files) {
      const opening = new Set<number>();
      for (const c of s.model.calls) {
        if (c.fn < 0 || opening.has(c.fn) || !opensSource(src, c, s.model)) continue;
        for (let f = c.fn; f >= 0 && !opening.has(f); f = s.model.functions[f].parent) opening.add(f);
      }
      s.model.functions.forEach((f, fn) => {
        if (opening.has(fn) && !src.openers.has(f.name)) src.providers.add(f.name);
      });
    }
    for (const s of files) for (const a of s.model.assignments) {
      if (a.scope === 'module' && /Annotated\[/.test(a.value.text) && [...src.providers, ...src.openers].some((n) => a.value.text.includes(`Depends(${n})`))) src.aliases.add(a.target);
    }
  }
  return sources;
}

/** `db = client.app` / `users = db["users"]`: handles derived from a Mongo client, to a fixed point. */
function deriveHandles(files: Scanned[], src: Source): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const x of files) for (const a of x.model.assignments) {
      const head = /^(\w+)[.[]/.exec(a.value.text)?.[1];
      if (a.scope === 'module' && head && src.objects.has(head) && a.value.kind !== 'call' && !src.objects.has(a.target)) {
        src.objects.add(a.target);
        grew = true;
      }
    }
  }
}

function opensSource(src: Source, c: CallSite, m: CodeModel): boolean {
  if (src.openers.has(c.callee) && visible(m, c.callee)) return true;
  // `Session(engine)` / `Session(bind=engine)`.
  if ((c.callee === 'Session' || c.callee.endsWith('.Session')) && [...c.args, ...Object.values(c.kwargs)].some((a) => src.objects.has(a.text) && visible(m, a.text))) return true;
  // `inspect(engine)` reads the schema through a connection.
  if (/^(sqlalchemy\.|sa\.)?inspect$/.test(c.callee) && c.args.some((a) => src.objects.has(a.text) && visible(m, a.text))) return true;
  const dot = c.callee.indexOf('.');
  if (dot < 0) return false;
  const head = c.callee.slice(0, dot);
  return src.objects.has(head) && visible(m, head) && !NO_IO.has(c.name);
}

/** Engine / client methods that configure rather than talk to the database. */
const NO_IO = new Set(['execution_options', 'update_execution_options', 'dispose', 'get_execution_options', 'close']);

interface Handler {
  model: CodeModel;
  fn: number;
  label: string;
}

function asyncHandlers(repo: RepoContext, facts: FactMap, files: Scanned[]): Handler[] {
  const out: Handler[] = [];
  const seen = new Set<string>();
  for (const r of facts.routes) {
    const h = r.handler;
    if (!h || (r.framework !== 'fastapi' && r.framework !== 'starlette')) continue;
    const model = repo.models.get(h.file);
    const fn = model ? model.functions.findIndex((f) => f.line === h.line && f.endLine === h.endLine) : -1;
    if (!model || fn < 0 || !model.functions[fn].async || seen.has(`${h.file}:${fn}`)) continue;
    seen.add(`${h.file}:${fn}`);
    out.push({ model, fn, label: `${r.method} ${r.path}` });
  }
  // Async HTTP middlewares (`@app.middleware("http")`) run on every request, on the loop.
  for (const s of files) {
    s.model.functions.forEach((f, fn) => {
      if (f.async && f.decorators.some((d) => /\.middleware\(\s*["']http["']/.test(d.text)) && !seen.has(`${s.model.file}:${fn}`)) {
        seen.add(`${s.model.file}:${fn}`);
        out.push({ model: s.model, fn, label: `HTTP middleware ${f.name}` });
      }
    });
  }
  // Quart / Sanic / aiohttp: async functions registered with a route decorator.
  for (const s of files) {
    if (!findImport(s.model, ['quart', 'sanic', 'aiohttp'])) continue;
    s.model.functions.forEach((f, fn) => {
      if (f.async && f.decorators.some((d) => /\.(route|get|post|put|patch|delete)\(/.test(d.text)) && !seen.has(`${s.model.file}:${fn}`)) {
        out.push({ model: s.model, fn, label: f.name });
      }
    });
  }
  return out;
}

/** Where handler `fn` uses the source: a Depends parameter, or a call directly / one level down. */
/** Calls that move sync work off the event loop: a handler using them is given the benefit of the doubt. */
const OFFLOAD = /(^|\.)(run_in_threadpool|to_thread|run_in_executor|run_sync|sync_to_async)$/;

function useIn(repo: RepoContext, src: Source, m: CodeModel, fn: number): Evidence | undefined {
  const f = m.functions[fn];
  if (callsOf(m, fn).some(({ call }) => OFFLOAD.test(call.callee))) return undefined;
  const deps = [...src.providers, ...src.openers];
  for (const p of f.params) {
    const dep = p.default?.kind === 'call' && /(^|\.)Depends$/.test(p.default.callee ?? '') ? p.default.text : '';
    const viaDefault = dep !== '' && deps.some((n) => dep.includes(`(${n})`));
    const viaAnnotation = !!p.annotation && (src.aliases.has(p.annotation) || deps.some((n) => p.annotation!.includes(`Depends(${n})`)));
    if (viaDefault || viaAnnotation) return repo.ev(m.file, p.default?.line ?? f.line, { note: `sync session parameter \`${p.name}\`` });
  }
  for (const { call } of callsOf(m, fn)) if (opensSource(src, call, m)) return repo.ev(m.file, call.line);
  const prog = programFor(repo);
  for (const { call } of callsOf(m, fn)) {
    const t = resolveCall(prog, m, call);
    const tm = t ? prog.model(t.file) : undefined;
    if (!t || !tm) continue;
    const inner = callsOf(tm, t.fn).find(({ call: c }) => opensSource(src, c, tm));
    if (inner) return repo.ev(m.file, call.line, { note: `calls ${tm.functions[t.fn].name}, which uses the sync driver at ${tm.file}:${inner.call.line}` });
  }
  return undefined;
}
