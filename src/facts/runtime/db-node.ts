/**
 * Database pools created by Node code, with the pool settings they pass:
 * node-postgres `new Pool({ max })`, mysql2 `createPool({ connectionLimit })`, knex `{ pool }`,
 * Sequelize `{ pool }`, TypeORM `{ poolSize }` / `{ extra: { max } }`.
 * Prisma is not here: its pool size is `connection_limit` in the runtime DATABASE_URL, which the
 * repository does not contain. `**` in poolOptions: the options are not a literal we can read.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { DbEngine } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, hasSpread, isSqliteUrl, strValue } from './values.js';

const SQLITE_CLIENTS = new Set(['sqlite3', 'better-sqlite3', 'sqlite', 'sqljs', 'capacitor', 'expo']);

function keysOf(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind !== 'dict') return ['**'];
  const keys = (v.entries ?? []).map((e) => e.key);
  const extra = entry(v, 'extra');
  if (extra?.kind === 'dict') keys.push(...(extra.entries ?? []).map((e) => `extra.${e.key}`));
  return hasSpread(v) ? [...keys, '**'] : keys;
}

function engine(repo: RepoContext, model: CodeModel, c: CallSite, kind: string, options: Value | undefined, na: string | null): DbEngine {
  return { kind, evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), poolOptions: keysOf(options), poolNotApplicable: na };
}

export function nodeEngines(repo: RepoContext, model: CodeModel): DbEngine[] {
  const out: DbEngine[] = [];
  const names = (mod: RegExp) => new Set(model.imports.filter((i) => mod.test(i.module)).flatMap((i) => i.names));
  const pg = names(/^pg$/);
  const mysql = names(/^mysql2(\/promise)?$/);
  const knex = names(/^knex$/);
  const sequelize = names(/^sequelize(-typescript)?$/);
  const typeorm = names(/^typeorm$/);
  const nestTypeorm = names(/^@nestjs\/typeorm$/);
  for (const c of model.calls) {
    if (c.isNew && pg.size > 0 && (c.callee === 'Pool' || /^pg\.Pool$/.test(c.callee))) {
      out.push(engine(repo, model, c, 'pg', c.args[0], null));
    } else if (mysql.size > 0 && c.name === 'createPool' && (c.callee === 'createPool' || /^mysql2?\.createPool$/.test(c.callee))) {
      const arg = c.args[0];
      const fromUrl = arg?.kind === 'string' ? (/[?&]connectionLimit=/.test(arg.value ?? '') ? ['connectionLimit'] : []) : undefined;
      out.push(fromUrl ? { ...engine(repo, model, c, 'mysql2', undefined, null), poolOptions: fromUrl } : engine(repo, model, c, 'mysql2', arg, null));
    } else if (knex.size > 0 && !c.isNew && (c.callee === 'knex' || c.callee === 'Knex' || (c.callee === 'require()' && model.calls.some((r) => r.callee === 'require' && r.line === c.line && r.args[0]?.value === 'knex')))) {
      const cfg = c.args[0];
      const client = strValue(entry(cfg, 'client'));
      out.push(engine(repo, model, c, 'knex', cfg, client && SQLITE_CLIENTS.has(client) ? `client '${client}': a SQLite file, one connection` : null));
    } else if (c.isNew && sequelize.size > 0 && c.callee === 'Sequelize') {
      const opts = [...c.args].reverse().find((a) => a.kind === 'dict');
      const dialect = strValue(entry(opts, 'dialect'));
      const sqlite = dialect === 'sqlite' || isSqliteUrl(strValue(c.args[0]));
      // new Sequelize(url) with no options object: defaults; a non-literal single argument: unknown.
      const options = opts ?? (c.args.length === 1 && c.args[0].kind !== 'string' ? c.args[0] : undefined);
      out.push(engine(repo, model, c, 'sequelize', options, sqlite ? 'SQLite dialect: no server connections to pool' : null));
    } else if ((typeorm.size > 0 && ((c.isNew && c.callee === 'DataSource') || c.callee === 'createConnection')) || (nestTypeorm.size > 0 && c.callee === 'TypeOrmModule.forRoot')) {
      // forRoot() / createConnection() with no argument read ormconfig.* or TYPEORM_* variables: unknown.
      const cfg = c.args[0] ?? { kind: 'other' as const, text: '', line: c.line };
      const type = strValue(entry(cfg, 'type'));
      out.push(engine(repo, model, c, 'typeorm', cfg, type && SQLITE_CLIENTS.has(type) ? `type '${type}': a SQLite file, no server connections to pool` : null));
    }
  }
  return out;
}
