/**
 * Database engines created by Python code, with the pool settings they pass:
 * - SQLAlchemy `create_engine` / `create_async_engine` (pool_* keywords, poolclass);
 * - Flask-SQLAlchemy `SQLAlchemy()` (engine_options=, or SQLALCHEMY_ENGINE_OPTIONS in the config);
 * - Django `DATABASES["default"]` (CONN_MAX_AGE keeps connections across requests; OPTIONS.pool is
 *   Django 5.1's psycopg pool).
 * poolOptions lists the settings by name; `**` means options come from somewhere the code model
 * cannot see (`**kwargs`, a non-literal options dict), so nothing can be said about them.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { DbEngine } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { callOf, entry, hasSpread, isSqliteUrl, moduleValue, strValue } from './values.js';

const SA_POOL = ['pool_size', 'max_overflow', 'pool_timeout', 'pool_recycle', 'pool_pre_ping', 'poolclass', 'pool_use_lifo'];
const ENGINE_FACTORIES = new Set(['create_engine', 'create_async_engine']);

function importsSqlAlchemy(model: CodeModel): boolean {
  return model.imports.some((i) => /^(sqlalchemy|sqlmodel)(\.|$)/.test(i.module));
}

/** The URL argument as a literal string, following a module-level name once. */
function literalUrl(model: CodeModel, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'fstring') return v.literal;
  if (v.kind === 'name') return literalUrl(model, moduleValue(model, v.text));
  return undefined;
}

function sqlalchemyEngine(repo: RepoContext, model: CodeModel, c: CallSite): DbEngine {
  const poolOptions = SA_POOL.filter((k) => c.kwargs[k] !== undefined);
  if (c.kwargs['**']) poolOptions.push('**');
  let na: string | null = null;
  const poolclass = c.kwargs.poolclass?.text ?? '';
  const url = c.args[0] ?? c.kwargs.url;
  if (/NullPool$/.test(poolclass)) na = 'poolclass=NullPool: pooling is disabled on purpose';
  else if (/StaticPool$/.test(poolclass)) na = 'poolclass=StaticPool: a single shared connection';
  else if (isSqliteUrl(literalUrl(model, url))) na = 'SQLite database file: no server connections to pool';
  else if (entry(c.kwargs.connect_args, 'check_same_thread')) na = 'SQLite (check_same_thread): no server connections to pool';
  return { kind: 'sqlalchemy', evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), poolOptions, poolNotApplicable: na };
}

/** Keys of SQLALCHEMY_ENGINE_OPTIONS / SQLALCHEMY_POOL_* settings anywhere in the service. */
function flaskEngineOptions(models: CodeModel[]): { keys: string[]; sqlite: boolean } {
  const keys: string[] = [];
  let sqlite = false;
  const consider = (name: string, v: Value) => {
    if (name.includes('SQLALCHEMY_ENGINE_OPTIONS')) {
      if (v.kind === 'dict' && !hasSpread(v)) keys.push(...(v.entries ?? []).map((e) => e.key));
      else keys.push('**');
    } else if (/SQLALCHEMY_(POOL_SIZE|MAX_OVERFLOW)/.test(name)) keys.push(name.includes('POOL_SIZE') ? 'pool_size' : 'max_overflow');
    else if (name.includes('SQLALCHEMY_DATABASE_URI') && isSqliteUrl(strValue(v))) sqlite = true;
  };
  for (const m of models) {
    for (const a of m.assignments) consider(a.target, a.value);
    for (const c of m.calls) if (c.name === 'update' || c.name === 'from_mapping') for (const [k, v] of Object.entries(c.kwargs)) consider(k, v);
  }
  return { keys, sqlite };
}

function flaskSqlalchemy(repo: RepoContext, model: CodeModel, c: CallSite, service: CodeModel[]): DbEngine {
  const opts = c.kwargs.engine_options;
  const own = opts ? (opts.kind === 'dict' && !hasSpread(opts) ? (opts.entries ?? []).map((e) => e.key) : ['**']) : [];
  const conf = flaskEngineOptions(service);
  return {
    kind: 'flask-sqlalchemy',
    evidence: repo.ev(model.file, c.line, { endLine: c.endLine }),
    poolOptions: [...new Set([...own, ...conf.keys])],
    poolNotApplicable: conf.sqlite ? 'SQLALCHEMY_DATABASE_URI is a SQLite file: no server connections to pool' : null,
  };
}

/** Every dict key / keyword name under a value, to find CONN_MAX_AGE however it is nested. */
function keysUnder(model: CodeModel, v: Value | undefined, out: Set<string>, depth = 0): void {
  if (!v || depth > 5) return;
  for (const e of v.entries ?? []) {
    out.add(e.key);
    if (e.key === 'OPTIONS' && entry(e.value, 'pool')) out.add('OPTIONS.pool');
    keysUnder(model, e.value, out, depth + 1);
  }
  for (const i of v.items ?? []) keysUnder(model, i, out, depth + 1);
  const call = callOf(model, v);
  if (call) for (const k of Object.keys(call.kwargs)) out.add(k === 'conn_max_age' ? 'CONN_MAX_AGE' : k);
}

/** Django: the `default` entry of DATABASES, when it can be read precisely. */
function djangoEngines(repo: RepoContext, model: CodeModel, service: CodeModel[]): DbEngine[] {
  const out: DbEngine[] = [];
  // The first DATABASES of a settings module; later ones are usually environment branches (CI, tests).
  const first = model.assignments.find((a) => a.scope === 'module' && a.target === 'DATABASES');
  for (const a of first ? [first] : []) {
    if (a.value.kind !== 'dict') continue;
    const def = entry(a.value, 'default');
    if (!def) continue;
    const engine = strValue(entry(def, 'ENGINE'));
    const isDjUrl = callOf(model, def)?.callee.match(/(dj_database_url|db_url|env)\.(config|parse|db|db_url)$/);
    // An ENGINE read from the environment, or a shape we cannot read: say nothing.
    if (def.kind === 'dict' ? engine === undefined : !isDjUrl) continue;
    const keys = new Set<string>();
    keysUnder(model, def, keys);
    // Settings split over several files often add CONN_MAX_AGE later (`DATABASES["default"]["CONN_MAX_AGE"] = 60`).
    for (const m of service) {
      for (const x of m.assignments) if (x.target.startsWith('DATABASES') && x.target.includes('CONN_MAX_AGE')) keys.add('CONN_MAX_AGE');
      for (const x of m.assignments) if (x.target.startsWith('DATABASES') && x !== a) keysUnder(m, x.value, keys);
      for (const c of m.calls) {
        if (c.kwargs.conn_max_age) keys.add('CONN_MAX_AGE');
        else if (c.callee.startsWith('DATABASES')) keys.add('**');
      }
    }
    if (keys.has('conn_max_age')) keys.add('CONN_MAX_AGE');
    const poolOptions = ['CONN_MAX_AGE', 'CONN_HEALTH_CHECKS', 'OPTIONS.pool', '**'].filter((k) => keys.has(k));
    out.push({
      kind: 'django',
      evidence: repo.ev(model.file, def.line),
      poolOptions,
      poolNotApplicable: engine?.includes('sqlite3') ? 'SQLite database file: no server connections to keep' : null,
    });
  }
  return out;
}

export function pythonEngines(repo: RepoContext, model: CodeModel, service: CodeModel[]): DbEngine[] {
  const out: DbEngine[] = [];
  // Alembic's env.py (wherever its folder is) opens a one-off connection to run migrations.
  if (model.imports.some((i) => i.module === 'alembic' || i.module.startsWith('alembic.'))) return out;
  const sa = importsSqlAlchemy(model);
  const fsa = model.imports.some((i) => i.module === 'flask_sqlalchemy');
  for (const c of model.calls) {
    if (sa && ENGINE_FACTORIES.has(c.name) && (c.callee === c.name || /^(sqlalchemy|sa|sqlmodel)(\.ext\.asyncio)?\.create_(async_)?engine$/.test(c.callee))) out.push(sqlalchemyEngine(repo, model, c));
    else if (fsa && c.callee === 'SQLAlchemy') out.push(flaskSqlalchemy(repo, model, c, service));
  }
  out.push(...djangoEngines(repo, model, service));
  return out;
}
