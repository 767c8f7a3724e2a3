/**
 * SQLite as the application's database. A use is `fallbackOnly` when the SQLite URL is only what
 * the code falls back to when configuration says nothing (`os.getenv("DATABASE_URL", "sqlite:///…")`,
 * a pydantic-settings field default, `process.env.DATABASE_URL || "sqlite:…"`, Django settings that
 * switch DATABASES elsewhere). For those, `overriddenBy` cites where the repository supplies the
 * real value (env template, deploy config, the switching assignment); without one, production
 * silently runs on the fallback unless someone sets the variable by hand.
 * Only application code counts (tests are never parsed; scripts are not the service).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import type { SqliteUse } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { providedEnv } from './env-provided.js';
import { callOf, entry, envFallback, isSqliteUrl, moduleValue, strValue } from './values.js';

const URL_SETTING = /(^|[.[\]'"])((sqlalchemy_)?database_ur[il]|db_ur[il]|sqlalchemy_database_ur[il])(['"\]]|$)/i;
const SQLITE_CLIENTS = new Set(['sqlite3', 'better-sqlite3', 'sqlite']);
/** `tests.py`, `test.py`, `testing.py`, `settings/test.py`: test modules the role classifier leaves as app code. */
const TEST_MODULE = /(^|\/)(tests?|testing|test_settings|settings_test)\.py$/;

type Use = { line: number; fallback: { name: string } | null; override?: Evidence };

/** Classifies a value: a literal SQLite URL, an env read falling back to one, or neither. */
function sqliteValue(model: CodeModel, v: Value | undefined): { fallback: { name: string } | null } | undefined {
  if (!v) return undefined;
  if (v.kind === 'string' && isSqliteUrl(v.value)) return { fallback: null };
  const env = envFallback(model, v);
  if (env && isSqliteUrl(strValue(env.fallback))) return { fallback: { name: env.name } };
  return undefined;
}

function isSettingsClass(model: CodeModel, className: string | undefined): boolean {
  const cls = model.classes.find((c) => c.name === className);
  return !!cls && cls.bases.some((b) => /(^|\.)BaseSettings$/.test(b));
}

function envPrefix(model: CodeModel): string {
  const c = model.calls.find((x) => x.callee === 'SettingsConfigDict' && x.kwargs.env_prefix?.kind === 'string');
  return c?.kwargs.env_prefix?.value ?? model.assignments.find((a) => a.target === 'env_prefix' && a.value.kind === 'string')?.value.value ?? '';
}

/** Settings classes for tests or development (`TestingConfig`, `DevConfig`): not what production loads. */
const NON_PROD_CLASS = /(^|[a-z_])(Test|Testing|Dev|Development|Local|Debug|CI)(?=[A-Z_]|Config|Settings|$)/;

function pythonUses(model: CodeModel, service: CodeModel[], repo: RepoContext): Use[] {
  const out: Use[] = [];
  for (const a of model.assignments) {
    if (a.scope === 'function' || !URL_SETTING.test(a.target)) continue;
    if (a.scope === 'class' && NON_PROD_CLASS.test(a.className ?? '')) continue;
    let v = a.value;
    // pydantic Field(default=...) / Field("sqlite:…")
    const field = callOf(model, v);
    if (field && /(^|\.)Field$/.test(field.callee)) v = field.kwargs.default ?? field.args[0] ?? v;
    const s = sqliteValue(model, v);
    if (!s) continue;
    // A pydantic-settings field is read from the environment first: the literal is a default.
    if (!s.fallback && a.scope === 'class' && isSettingsClass(model, a.className)) s.fallback = { name: `${envPrefix(model)}${a.target}`.toUpperCase() };
    out.push({ line: a.line, fallback: s.fallback });
  }
  for (const c of model.calls) {
    if (c.name !== 'create_engine' && c.name !== 'create_async_engine') continue;
    const arg = c.args[0] ?? c.kwargs.url;
    if (arg?.kind === 'name' && URL_SETTING.test(arg.text) && moduleValue(model, arg.text)) continue; // reported at its assignment
    const s = sqliteValue(model, arg?.kind === 'name' ? moduleValue(model, arg.text) : arg);
    if (s) out.push({ line: c.line, fallback: s.fallback });
  }
  // Django: DATABASES["default"]["ENGINE"] = sqlite3, unless the settings switch it elsewhere.
  for (const a of model.assignments) {
    if (a.scope !== 'module' || a.target !== 'DATABASES') continue;
    const def = entry(a.value, 'default');
    const engine = entry(def, 'ENGINE');
    const djUrl = callOf(model, def);
    if (djUrl && /(^|\.)(config|parse)$/.test(djUrl.callee) && isSqliteUrl(strValue(djUrl.kwargs.default))) {
      out.push({ line: djUrl.line, fallback: { name: strValue(djUrl.kwargs.env) ?? 'DATABASE_URL' } });
      continue;
    }
    if (!engine || !(strValue(engine) ?? '').includes('sqlite3')) continue;
    let override: Evidence | undefined;
    for (const m of service) {
      const other = m.assignments.find((x) => x !== a && x.target.startsWith('DATABASES'));
      const update = m.calls.find((c) => c.callee.startsWith('DATABASES') || /dj_database_url\.(config|parse)$/.test(c.callee));
      const at = other?.line ?? update?.line;
      if (at) {
        override = repo.ev(m.file, at, { note: 'DATABASES is switched here' });
        break;
      }
    }
    out.push({ line: engine.line, fallback: override ? { name: '' } : null, override });
  }
  return out;
}

function nodeUses(model: CodeModel): Use[] {
  const out: Use[] = [];
  const check = (cfg: Value | undefined, key: string) => {
    const v = entry(cfg, key);
    if (!v) return;
    if (v.kind === 'string' && SQLITE_CLIENTS.has(v.value ?? '')) out.push({ line: v.line, fallback: null });
    else if (v.kind === 'binop' && /sqlite/.test(v.literal ?? '')) {
      const env = model.envReads.find((r) => r.line === v.line);
      if (env) out.push({ line: v.line, fallback: { name: env.name } });
    }
  };
  const mods = new Set(model.imports.map((i) => i.module));
  for (const c of model.calls) {
    if ((c.callee === 'knex' || c.callee === 'Knex') && mods.has('knex')) check(c.args[0], 'client');
    else if (c.isNew && c.callee === 'DataSource' && mods.has('typeorm')) check(c.args[0], 'type');
    else if (c.callee === 'TypeOrmModule.forRoot') check(c.args[0], 'type');
    else if (c.isNew && c.callee === 'Sequelize' && [...mods].some((m) => m.startsWith('sequelize'))) {
      const opts = [...c.args].reverse().find((a) => a.kind === 'dict');
      if (strValue(entry(opts, 'dialect')) === 'sqlite') out.push({ line: entry(opts, 'dialect')!.line, fallback: null });
      else if (isSqliteUrl(strValue(c.args[0]))) out.push({ line: c.line, fallback: null });
    }
  }
  // knexfile: `module.exports = { development: {…}, production: {…} }`: only the production entry.
  if (/(^|\/)knexfile\.(js|ts|cjs|mjs)$/.test(model.file)) {
    for (const a of model.assignments) {
      if (a.target !== 'module.exports' && a.target !== 'config' && a.target !== 'exports.default') continue;
      if (entry(a.value, 'client')) check(a.value, 'client');
      else if (entry(a.value, 'production')) check(entry(a.value, 'production'), 'client');
    }
  }
  return out;
}

/** `provider = "sqlite"` inside a `datasource` block of schema.prisma (plain text: no parser here). */
function prismaUses(repo: RepoContext, file: string): Use[] {
  const out: Use[] = [];
  let inDatasource = false;
  repo.lines(file).forEach((l, i) => {
    if (/^\s*datasource\s+\w+\s*\{/.test(l)) inDatasource = true;
    else if (inDatasource && /^\s*\}/.test(l)) inDatasource = false;
    else if (inDatasource && /^\s*provider\s*=\s*"sqlite"/.test(l)) out.push({ line: i + 1, fallback: null });
  });
  return out;
}

export function collectSqlite(repo: RepoContext): SqliteUse[] {
  const provided = providedEnv(repo);
  const out: SqliteUse[] = [];
  const byService = new Map<string, CodeModel[]>();
  for (const m of repo.models.values()) {
    const s = repo.file(m.file)?.service ?? '';
    byService.set(s, [...(byService.get(s) ?? []), m]);
  }
  const emit = (file: string, uses: Use[]) => {
    const seen = new Set<number>();
    for (const u of uses) {
      if (seen.has(u.line)) continue;
      seen.add(u.line);
      const use: SqliteUse = { evidence: repo.ev(file, u.line), fallbackOnly: u.fallback !== null };
      const override = u.override ?? (u.fallback?.name ? (provided.get(u.fallback.name) ?? provided.get('*')) : undefined);
      if (u.fallback && override) use.overriddenBy = override;
      out.push(use);
    }
  };
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || (f.role !== 'app' && f.role !== 'config') || TEST_MODULE.test(f.path)) continue;
    emit(m.file, m.language === 'python' ? pythonUses(m, byService.get(f.service) ?? [], repo) : nodeUses(m));
  }
  for (const f of repo.discovery.files) {
    if (/(^|\/)schema\.prisma$/.test(f.path) && f.role !== 'test' && f.role !== 'fixture') emit(f.path, prismaUses(repo, f.path));
  }
  return out;
}
