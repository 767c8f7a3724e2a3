/**
 * index-missing: foreign-key columns, and columns that queries filter on, that no index leads
 * (model options, composite indexes, migrations or SQL files; see py-columns.ts, node-columns.ts,
 * index-sources.ts). Postgres and SQLite do not index foreign keys on their own; MySQL (InnoDB)
 * does, so foreign keys are not judged in MySQL-only projects.
 */
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, IndexFacts } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { scannedFiles } from '../observability/scan.js';
import { externalIndexKeys, indexKey } from './index-sources.js';
import { prismaColumns, prismaFilters, sequelizeColumns, typeormColumns } from './node-columns.js';
import { djangoColumns, sqlalchemyColumns, type FilterUse, type OrmColumn } from './py-columns.js';

const MYSQL = /^(pymysql|mysqlclient|mysql-connector-python|aiomysql|asyncmy|mysql2|mysql)$/;
const OTHER_SQL = /^(psycopg2|psycopg2-binary|psycopg|psycopg-binary|asyncpg|pg8000|pg|postgres|better-sqlite3|sqlite3)$/;

export function collectIndexes(repo: RepoContext, facts: FactMap): IndexFacts {
  const files = scannedFiles(repo, ['app']);
  const sa = sqlalchemyColumns(repo, files);
  const dj = djangoColumns(repo, files);
  const prisma = prismaColumns(repo);
  const prismaModels = new Set(prisma.columns.map((c) => c.model));
  for (const f of repo.discovery.files) if (f.language === 'prisma') for (const l of repo.lines(f.path)) { const m = /^\s*model\s+(\w+)\s*\{/.exec(l); if (m) prismaModels.add(m[1]); }
  const columns: OrmColumn[] = [...sa.columns, ...dj.columns, ...prisma.columns, ...typeormColumns(repo, files), ...sequelizeColumns(repo, files)];
  const filters: FilterUse[] = [...sa.filters, ...dj.filters, ...prismaFilters(repo, files, prismaModels)];
  const deps = facts.dependencies.map((d) => d.name.toLowerCase().replace(/\[.*$/, ''));
  const mysqlOnly = deps.some((d) => MYSQL.test(d)) && !deps.some((d) => OTHER_SQL.test(d));
  const external = externalIndexKeys(repo);
  const indexedOutside = (c: OrmColumn) => c.tables.every((t) => external.has(indexKey(t, c.column)) || external.has(indexKey(t, c.attr)));

  const missing: IndexFacts['missing'] = [];
  const indexed: Evidence[] = [];
  const seen = new Set<string>();
  const filterOf = (c: OrmColumn) => filters.find((f) => f.model === c.model && f.attr === c.attr);
  for (const c of columns) {
    const key = `${c.evidence.file}:${c.evidence.line}`;
    if (seen.has(key)) continue;
    const filter = filterOf(c);
    if (!c.fk && (!filter || c.lowCardinality)) continue;
    seen.add(key);
    if (c.indexedBy || indexedOutside(c)) {
      indexed.push({ ...c.evidence, note: c.indexedBy ?? 'indexed by a migration' });
      continue;
    }
    if (c.fk && mysqlOnly && c.orm !== 'prisma') continue;
    missing.push({
      family: c.family,
      orm: c.orm,
      model: c.model,
      column: c.attr,
      reason: c.fk ? 'foreign-key' : 'filter',
      evidence: c.evidence,
      ...(filter ? { filter: filter.evidence } : {}),
    });
  }
  return { missing, indexed };
}
