/**
 * Indexes created outside the ORM models: Alembic operations, Django migration operations, and
 * CREATE INDEX statements (in .sql files, op.execute / RunSQL strings). Each index is keyed by
 * `table.column` of its LEADING column (lower case): only the leading column of a composite index
 * serves lookups on that column alone.
 */
import type { CodeModel, Value } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import { isMigrationModule, walkValue } from '../observability/scan.js';
import { sqlOf } from './sql-text.js';

const CREATE_INDEX_SQL = /\bcreate\s+(?:unique\s+)?index\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:["`]?[\w.]+["`]?\s+)?on\s+(?:only\s+)?["`]?(?:\w+["`]?\.["`]?)?(\w+)["`]?\s*(?:using\s+\w+\s*)?\(\s*["`]?(\w+)/gi;

export function indexKey(table: string, column: string): string {
  return `${table.toLowerCase()}.${column.toLowerCase()}`;
}

/** `table.column` keys indexed by CREATE INDEX statements in a SQL text. */
export function sqlIndexKeys(sql: string): string[] {
  const out: string[] = [];
  for (const m of sql.matchAll(CREATE_INDEX_SQL)) out.push(indexKey(m[1], m[2]));
  return out;
}

const str = (v: Value | undefined): string | undefined => (v?.kind === 'string' ? v.value : undefined);
const truthy = (v: Value | undefined): boolean => !!v && !(v.kind === 'bool' && v.value === 'false') && v.kind !== 'none';

function alembicKeys(m: CodeModel, out: Set<string>): void {
  for (const c of m.calls) {
    if (c.callee === 'op.create_index' || c.callee === 'op.create_unique_constraint' || c.callee === 'op.create_primary_key') {
      const table = str(c.args[1] ?? c.kwargs.table_name);
      const cols = c.args[2] ?? c.kwargs.columns;
      const first = cols?.items?.[0];
      const col = str(first) ?? first?.text.replace(/^.*\./, '');
      if (table && col) out.add(indexKey(table, col));
    } else if (c.callee === 'op.create_table' && str(c.args[0])) {
      const table = str(c.args[0]) as string;
      for (const a of c.args.slice(1)) {
        const inner = a.kind === 'call' && a.call !== undefined ? m.calls[a.call] : undefined;
        if (!inner) continue;
        if (/(^|\.)Column$/.test(inner.name) && str(inner.args[0]) && ['index', 'unique', 'primary_key'].some((k) => truthy(inner.kwargs[k]))) out.add(indexKey(table, str(inner.args[0]) as string));
        if (/^(UniqueConstraint|PrimaryKeyConstraint|Index)$/.test(inner.name)) {
          const lead = inner.name === 'Index' ? inner.args[1] : inner.args[0];
          if (str(lead)) out.add(indexKey(table, str(lead) as string));
        }
      }
    } else if (c.callee === 'op.execute') {
      for (const k of sqlIndexKeys(sqlOf(m, c.args[0]) ?? '')) out.add(k);
    }
  }
}

function djangoKeys(m: CodeModel, out: Set<string>): void {
  for (const c of m.calls) {
    const model = str(c.kwargs.model_name)?.toLowerCase();
    if (/(^|\.)AddIndex(Concurrently)?$/.test(c.callee) && model) {
      const idx = c.kwargs.index;
      const call = idx?.kind === 'call' && idx.call !== undefined ? m.calls[idx.call] : undefined;
      const lead = str(call?.kwargs.fields?.items?.[0])?.replace(/^-/, '');
      if (lead) out.add(indexKey(model, lead));
    } else if (/(^|\.)AlterField$/.test(c.callee) && model && str(c.kwargs.name)) {
      const field = c.kwargs.field;
      const call = field?.kind === 'call' && field.call !== undefined ? m.calls[field.call] : undefined;
      if (call && ['db_index', 'unique', 'primary_key'].some((k) => truthy(call.kwargs[k]))) out.add(indexKey(model, str(c.kwargs.name) as string));
    } else if (/(^|\.)RunSQL$/.test(c.callee)) {
      for (const k of sqlIndexKeys(sqlOf(m, c.args[0] ?? c.kwargs.sql) ?? '')) out.add(k);
    }
  }
}

/** Every `table.column` an index leads with, outside the model declarations. */
export function externalIndexKeys(repo: RepoContext): Set<string> {
  const out = new Set<string>();
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || f.role === 'test' || f.role === 'fixture') continue;
    if (m.language === 'python' && (f.role === 'migration' || isMigrationModule(m))) {
      if (m.imports.some((i) => i.module === 'alembic')) alembicKeys(m, out);
      else djangoKeys(m, out);
    } else if (m.language !== 'python' && (f.role === 'migration' || isMigrationModule(m))) {
      // TypeORM / knex migrations: `queryRunner.query("CREATE INDEX …")`, `knex.raw(…)`.
      for (const c of m.calls) for (const a of c.args) for (const v of walkValue(a)) if (v.kind === 'string' || v.kind === 'fstring') for (const k of sqlIndexKeys(v.value ?? v.literal ?? '')) out.add(k);
    }
  }
  for (const f of repo.discovery.files) {
    if (f.language !== 'sql' || f.role === 'test' || f.role === 'fixture') continue;
    for (const k of sqlIndexKeys(repo.read(f.path) ?? '')) out.add(k);
  }
  return out;
}
