import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';

const STACK: Record<string, FixKey> = { sqlalchemy: 'sqlalchemy', django: 'django', prisma: 'prisma', typeorm: 'node', sequelize: 'node' };

export default defineRule({
  meta: {
    id: 'index-missing',
    area: 'performance',
    severity: 'medium',
    title: 'Foreign keys and filtered columns are indexed',
    failureTitle: 'Foreign keys or filtered columns have no index',
    why: 'Postgres and SQLite do not index foreign-key columns on their own. Every "children of this parent" lookup, every join on the key, and every delete of a parent (which checks for referencing rows) then scans the whole child table; the same goes for a column the code filters on. It is invisible with test data and becomes the slowest query once the table has a few hundred thousand rows. Columns indexed by the model (index=True, unique, primary key, a composite index they lead), by a migration, or by a SQL CREATE INDEX are not reported; Django foreign keys are indexed by default, and MySQL (InnoDB) indexes foreign keys itself.',
    fix: {
      default: 'Add an index on the column (in the model, plus a migration that creates it; `CREATE INDEX CONCURRENTLY` on a live Postgres table).',
      sqlalchemy: '`user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)` (or `Column(..., index=True)`), then `alembic revision --autogenerate`.',
      django: '`status = models.CharField(max_length=16, db_index=True)` or `class Meta: indexes = [models.Index(fields=["status"])]`, then `makemigrations`.',
      prisma: 'Add `@@index([authorId])` to the model, then `prisma migrate dev`.',
      node: "TypeORM: `@Index()` on the relation column (or `@Index(['customerId'])` on the entity); Sequelize: `indexes: [{ fields: ['userId'] }]` in the model options.",
    },
    examples: {
      bad: 'user_id = Column(Integer, ForeignKey("users.id"))',
      good: 'user_id = Column(Integer, ForeignKey("users.id"), index=True)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['indexes'],
    confidence: 'medium',
  },
  check({ indexes }) {
    const { missing, indexed } = indexes;
    if (missing.length > 0) {
      // Foreign keys are reported per model (one migration adds that table's indexes); a filtered
      // column keeps its own finding, with the query that filters on it.
      const byModel = new Map<string, typeof missing>();
      for (const m of missing.filter((x) => x.reason === 'foreign-key')) {
        const key = `${m.evidence.file}#${m.model}`;
        byModel.set(key, [...(byModel.get(key) ?? []), m]);
      }
      const fkFindings = [...byModel.values()].map((cols) => {
        const names = cols.map((c) => c.column);
        return {
          message:
            cols.length === 1
              ? `Foreign key ${cols[0].model}.${cols[0].column} has no index: joins, lookups by parent and parent deletes scan the whole table`
              : `${cols.length} foreign keys of ${cols[0].model} have no index (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}): joins, lookups by parent and parent deletes scan the whole table`,
          evidence: cols.map((c) => c.evidence),
          stack: STACK[cols[0].orm] ?? (cols[0].family === 'py' ? 'py' : 'node'),
        };
      });
      const filterFindings = missing
        .filter((m) => m.reason === 'filter')
        .map((m) => ({
          message: `${m.model}.${m.column} is filtered on but has no index: the query scans the whole table`,
          evidence: m.filter ? [m.evidence, { ...m.filter, note: 'filtered here' }] : [m.evidence],
          stack: STACK[m.orm] ?? (m.family === 'py' ? 'py' : 'node'),
        }));
      return fail([...fkFindings, ...filterFindings]);
    }
    if (indexed.length === 0) return notApplicable('no foreign keys or filtered columns in ORM models');
    return pass(`${plural(indexed.length, 'foreign-key / filtered column')} indexed`, indexed.slice(0, 10));
  },
});
