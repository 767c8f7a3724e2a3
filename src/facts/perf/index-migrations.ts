/**
 * Index creation in database migrations (index-locking-migration). A plain CREATE INDEX on
 * Postgres holds a lock that blocks every write to the table until the index is built; on a large
 * table that is minutes of failed or queued writes. Read from the code model of migration modules:
 * - Alembic `op.create_index(...)` in `upgrade*()` (concurrent with `postgresql_concurrently=True`;
 *   a non-literal value is taken as concurrent), `op.execute("CREATE INDEX …")` / `op.execute(sa.text(…))`;
 * - Django `migrations.AddIndex` (concurrent: `AddIndexConcurrently`), `migrations.RunSQL("CREATE INDEX …")`.
 * An index on a table the same migration creates (`op.create_table`, `CREATE TABLE`, `CreateModel`)
 * is marked `newTable`: the table is empty, the lock costs nothing.
 * `postgres`: a Postgres driver in the dependencies, or a Postgres URL / Django engine in code.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { FactMap, MigrationIndex, MigrationIndexFacts } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isMigrationModule, walkValue } from '../observability/scan.js';
import { sqlOf } from './sql-text.js';

const PG_DRIVERS = new Set(['psycopg2', 'psycopg2-binary', 'psycopg', 'psycopg-binary', 'psycopg-c', 'psycopg2cffi', 'asyncpg', 'pg8000', 'databases']);
const CREATE_INDEX = /\bcreate\s+(?:unique\s+)?index\b/i;

export function collectMigrationIndexes(repo: RepoContext, facts: FactMap): MigrationIndexFacts {
  const indexes: MigrationIndex[] = [];
  for (const m of repo.models.values()) {
    if (m.language !== 'python') continue;
    const f = repo.file(m.file);
    if (!f || f.role === 'test' || f.role === 'fixture') continue;
    if (f.role !== 'migration' && !isMigrationModule(m)) continue;
    if (m.imports.some((i) => i.module === 'alembic' && i.names.includes('op'))) indexes.push(...alembicIndexes(repo, m));
    else if (m.imports.some((i) => i.module === 'django.db' && i.names.includes('migrations'))) indexes.push(...djangoIndexes(repo, m));
  }
  return { postgres: postgresEvidence(repo, facts), indexes };
}

function postgresEvidence(repo: RepoContext, facts: FactMap): MigrationIndexFacts['postgres'] {
  const dep = facts.dependencies.find((d) => d.ecosystem === 'pypi' && PG_DRIVERS.has(d.name.toLowerCase().replace(/\[.*$/, '')));
  if (dep) return dep.evidence;
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (m.language !== 'python' || !f || (f.role !== 'app' && f.role !== 'config')) continue;
    for (const a of m.assignments) {
      const hit = walkValue(a.value).find((v) => v.kind === 'string' && /^(django\.db\.backends\.postgresql|postgres(ql)?(\+\w+)?:\/\/)/.test(v.value ?? ''));
      if (hit) return repo.ev(m.file, hit.line);
    }
  }
  return null;
}

function sqlTable(sql: string, re: RegExp): string {
  return (re.exec(sql)?.[1] ?? '').replace(/"/g, '').replace(/^.*\./, '').toLowerCase();
}

/** The top-level function a call runs in. */
function topFunction(m: CodeModel, c: CallSite): string {
  let f = c.fn;
  while (f >= 0 && m.functions[f].parent >= 0) f = m.functions[f].parent;
  return f >= 0 ? m.functions[f].name : '';
}

function alembicIndexes(repo: RepoContext, m: CodeModel): MigrationIndex[] {
  const upgrade = m.calls.filter((c) => topFunction(m, c).startsWith('upgrade'));
  const created = new Set<string>();
  for (const c of upgrade) {
    if (c.callee === 'op.create_table' && c.args[0]?.kind === 'string') created.add((c.args[0].value ?? '').toLowerCase());
    const sql = c.callee === 'op.execute' ? sqlOf(m, c.args[0]) : undefined;
    if (sql && /\bcreate\s+table\b/i.test(sql)) created.add(sqlTable(sql, /\bcreate\s+table\s+(?:if\s+not\s+exists\s+)?("?[\w.]+"?)/i));
  }
  const out: MigrationIndex[] = [];
  for (const c of upgrade) {
    if (c.callee === 'op.create_index') {
      const t = c.args[1] ?? c.kwargs.table_name;
      const table = t?.kind === 'string' ? (t.value ?? '').toLowerCase() : '';
      const conc = c.kwargs.postgresql_concurrently;
      const concurrent = !!conc && !(conc.kind === 'bool' && conc.value === 'false');
      out.push({ tool: 'alembic', evidence: repo.ev(m.file, c.line, { endLine: c.endLine }), table, concurrent, newTable: created.has(table) });
    } else if (c.callee === 'op.execute') {
      const sql = sqlOf(m, c.args[0]);
      if (!sql || !CREATE_INDEX.test(sql)) continue;
      const table = sqlTable(sql, /\bon\s+(?:only\s+)?("?[\w.]+"?)/i);
      out.push({ tool: 'alembic', evidence: repo.ev(m.file, c.line, { endLine: c.endLine }), table, concurrent: /\bconcurrently\b/i.test(sql), newTable: created.has(table) });
    }
  }
  return out;
}

function djangoIndexes(repo: RepoContext, m: CodeModel): MigrationIndex[] {
  const str = (v: Value | undefined) => (v?.kind === 'string' ? (v.value ?? '').toLowerCase() : '');
  const created = new Set(m.calls.filter((c) => /(^|\.)CreateModel$/.test(c.callee)).map((c) => str(c.kwargs.name ?? c.args[0])));
  const out: MigrationIndex[] = [];
  for (const c of m.calls) {
    if (/(^|\.)AddIndex(Concurrently)?$/.test(c.callee)) {
      const table = str(c.kwargs.model_name ?? c.args[0]);
      out.push({ tool: 'django', evidence: repo.ev(m.file, c.line, { endLine: c.endLine }), table, concurrent: c.callee.endsWith('Concurrently'), newTable: created.has(table) });
    } else if (/(^|\.)RunSQL$/.test(c.callee)) {
      const sql = sqlOf(m, c.args[0] ?? c.kwargs.sql);
      if (!sql || !CREATE_INDEX.test(sql)) continue;
      const table = sqlTable(sql, /\bon\s+(?:only\s+)?("?[\w.]+"?)/i);
      out.push({ tool: 'django', evidence: repo.ev(m.file, c.line, { endLine: c.endLine }), table, concurrent: /\bconcurrently\b/i.test(sql), newTable: false });
    }
  }
  return out;
}
