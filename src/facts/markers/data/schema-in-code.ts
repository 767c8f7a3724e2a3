/**
 * 'schema-in-code' markers: the running application creates or alters its own schema.
 * - SQLAlchemy `metadata.create_all` / Flask-SQLAlchemy `db.create_all()`, called or handed to
 *   `conn.run_sync(Base.metadata.create_all)`;
 * - `CREATE TABLE` SQL executed from code (a literal, or a module constant holding it); temporary
 *   tables are not schema and are skipped;
 * - knex `schema.createTable` outside migrations, Sequelize `sync()`, MikroORM schema generator,
 *   TypeORM `synchronize: true` (in code or ormconfig.json).
 * Application code only: the same call in a seed script, a test, a migration, a file package.json
 * runs as a one-off script, or under `if __name__ == "__main__":` is how those tools are meant to be
 * used, and is not reported.
 */
import { parseTree, findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import type { CallSite, CodeModel, Value } from '../../code/model.js';
import { inMainGuard } from '../../code/model.js';
import type { FactMap, Marker } from '../../fact-map.js';
import type { RepoContext } from '../../repo.js';
import { entriesIn, findImport, isTrue, type Scanned } from '../../observability/scan.js';
import { npmScriptFiles } from '../../observability/npm-scripts.js';

const CREATE_TABLE = /\bCREATE\s+(UNLOGGED\s+)?TABLE\b/i;
/** Calls that run SQL text (DB-API, sqlite3, asyncpg, pg, mysql2, better-sqlite3, Prisma raw, SQLAlchemy text). */
const SQL_RUNNERS = new Set([
  'execute', 'executescript', 'executemany', 'exec', 'query', 'raw', 'run', 'unsafe', 'none', 'text',
  '$executeRaw', '$executeRawUnsafe', '$queryRaw', '$queryRawUnsafe', 'prepare',
]);

export function schemaInCodeMarkers(repo: RepoContext, _facts: FactMap, files: readonly Scanned[]): Marker[] {
  const out: Marker[] = [];
  const runByScripts = npmScriptFiles(repo);
  for (const s of files) {
    if (s.file.role !== 'app' || runByScripts.has(s.file.path)) continue;
    for (const h of codeHits(s)) out.push({ kind: 'schema-in-code', detail: h.detail, evidence: repo.ev(s.file.path, h.line), scope: 'app' });
  }
  for (const f of repo.discovery.files) {
    if (!/(^|\/)ormconfig\.json$/.test(f.path) || f.role === 'test' || f.role === 'fixture') continue;
    const line = ormconfigSynchronize(repo.read(f.path) ?? '');
    if (line) out.push({ kind: 'schema-in-code', detail: 'TypeORM synchronize: true', evidence: repo.ev(f.path, line), scope: 'app' });
  }
  return out;
}

type Hit = { line: number; detail: string };

function codeHits(s: Scanned): Hit[] {
  const m = s.model;
  const hits: Hit[] = [];
  const constants = moduleStrings(m);
  const sequelize = !!findImport(m, ['sequelize', 'sequelize-typescript']);
  for (const c of m.calls) {
    if (s.python && inMainGuard(m, c.line)) continue;
    if (c.name === 'create_all' && c.callee.includes('.')) hits.push({ line: c.line, detail: `${c.callee}()` });
    else if (c.name === 'run_sync' && c.args.some((a) => /\.create_all$/.test(a.text))) hits.push({ line: c.line, detail: `${c.args[0].text} via run_sync` });
    else if (SQL_RUNNERS.has(c.name) && createsTable(c, constants)) hits.push({ line: c.line, detail: 'CREATE TABLE executed from code' });
    else if (c.callee === 'sql' && c.args[0]?.kind === 'other' && CREATE_TABLE.test(c.args[0].text) && !/\bTEMP(ORARY)?\s+TABLE/i.test(c.args[0].text)) {
      hits.push({ line: c.line, detail: 'CREATE TABLE executed from code' });
    } else if (/(^|\.)schema\.(createTable|createTableIfNotExists)$/.test(c.callee)) hits.push({ line: c.line, detail: `${c.callee}()` });
    else if (c.name === 'sync' && (sequelize ? c.callee.includes('.') : /(^|\.)sequelize\.sync$/i.test(c.callee))) hits.push({ line: c.line, detail: `${c.callee}()` });
    else if (/getSchemaGenerator\(\)\.(createSchema|updateSchema)$/.test(c.callee)) hits.push({ line: c.line, detail: 'MikroORM schema generator' });
    if (!s.python) {
      const sync = [...entriesIn(c)].find((e) => e.key === 'synchronize' && isTrue(e.value));
      if (sync) hits.push({ line: sync.value.line, detail: 'TypeORM synchronize: true' });
    }
  }
  return hits;
}

/** Module-level string constants, so `conn.executescript(SCHEMA)` can be read through the name. */
function moduleStrings(m: CodeModel): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const a of m.assignments) if (a.scope === 'module' && (a.value.kind === 'string' || a.value.kind === 'fstring')) out.set(a.target, a.value);
  return out;
}

function createsTable(c: CallSite, constants: Map<string, Value>): boolean {
  const first = c.args[0];
  if (!first) return false;
  const v = first.kind === 'name' ? constants.get(first.text) : first;
  if (!v) return false;
  const text = v.kind === 'string' ? (v.value ?? '') : v.kind === 'fstring' || v.kind === 'binop' ? (v.literal ?? '') : '';
  return CREATE_TABLE.test(text) && !/\bTEMP(ORARY)?\s+TABLE/i.test(text);
}

/** Line of `"synchronize": true` in ormconfig.json (an object, or an array of connection objects). */
export function ormconfigSynchronize(text: string): number | null {
  const tree = parseTree(text);
  if (!tree) return null;
  const roots: JsonNode[] = tree.type === 'array' ? (tree.children ?? []) : [tree];
  for (const r of roots) {
    const n = findNodeAtLocation(r, ['synchronize']);
    if (n && n.value === true) return text.slice(0, n.offset).split('\n').length;
  }
  return null;
}
