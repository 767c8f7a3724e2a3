import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'index-locking-migration',
    area: 'performance',
    severity: 'low',
    title: 'Indexes on existing tables are built concurrently',
    failureTitle: 'Migrations build indexes on existing tables without CONCURRENTLY',
    why: 'A plain `CREATE INDEX` on Postgres takes a lock that blocks every INSERT, UPDATE and DELETE on the table until the index is built. On a large table that is minutes of queued or failed writes during the deploy. `CREATE INDEX CONCURRENTLY` builds it without blocking writes (it must run outside a transaction). Indexes created in the same migration as their table are fine (the table is new and empty), and projects with no Postgres driver are not judged.',
    fix: {
      default: 'Build indexes on existing tables with `CREATE INDEX CONCURRENTLY`, outside the migration transaction.',
      sqlalchemy: 'Alembic: `with op.get_context().autocommit_block():\n    op.create_index("ix_orders_user_id", "orders", ["user_id"], postgresql_concurrently=True)`.',
      django: 'Use `from django.contrib.postgres.operations import AddIndexConcurrently` instead of `migrations.AddIndex`, and set `atomic = False` on the Migration class.',
    },
    examples: {
      bad: 'op.create_index("ix_orders_user_id", "orders", ["user_id"])',
      good: 'with op.get_context().autocommit_block():\n    op.create_index("ix_orders_user_id", "orders", ["user_id"], postgresql_concurrently=True)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py'],
    needs: ['migrationIndexes'],
    confidence: 'medium',
  },
  check({ migrationIndexes }) {
    const { postgres, indexes } = migrationIndexes;
    if (!postgres) return notApplicable('no Postgres database found (no Postgres driver or URL)');
    const existing = indexes.filter((i) => !i.newTable);
    if (existing.length === 0) return notApplicable(indexes.length ? 'indexes are only created together with their new tables' : 'no index created in migrations');
    const locking = existing.filter((i) => !i.concurrent);
    if (locking.length > 0) {
      return fail(
        locking.map((i) => ({
          message: `Index on existing table${i.table ? ` "${i.table}"` : ''} is built without CONCURRENTLY: writes to the table block until it is built`,
          evidence: [i.evidence],
          stack: i.tool === 'django' ? 'django' : 'sqlalchemy',
        })),
      );
    }
    return pass(`${plural(existing.length, 'index')} on existing tables built concurrently`, existing.map((i) => i.evidence));
  },
});
