import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';

/** Options that size the pool (or, for Django, keep connections open across requests). */
const SIZING = new Set(['pool_size', 'max_overflow', 'CONN_MAX_AGE', 'OPTIONS.pool', 'max', 'connectionLimit', 'pool', 'poolSize', 'extra.max', 'extra.connectionLimit', 'extra.poolSize']);

/** What each library does when nothing is set: message text only. */
const DEFAULTS: Record<string, { what: string; stack: FixKey }> = {
  sqlalchemy: { what: 'SQLAlchemy engine uses the default pool: 5 connections + 10 overflow per process (no pool_size / max_overflow)', stack: 'sqlalchemy' },
  'flask-sqlalchemy': { what: 'Flask-SQLAlchemy uses the default pool: 5 connections + 10 overflow per process (no pool_size / max_overflow in SQLALCHEMY_ENGINE_OPTIONS)', stack: 'flask' },
  django: { what: 'Django database has no CONN_MAX_AGE (a new connection for every request) and no OPTIONS pool', stack: 'django' },
  pg: { what: 'node-postgres Pool uses the default size: max 10 (no `max`)', stack: 'node' },
  mysql2: { what: 'mysql2 pool uses the default size: connectionLimit 10 (no `connectionLimit`)', stack: 'node' },
  knex: { what: 'knex uses the default pool: min 2, max 10 (no `pool`)', stack: 'node' },
  sequelize: { what: 'Sequelize uses the default pool: max 5 (no `pool`)', stack: 'node' },
  typeorm: { what: "TypeORM uses the driver's default pool: 10 for Postgres/MySQL (no `poolSize` / `extra.max`)", stack: 'node' },
};

export default defineRule({
  meta: {
    id: 'db-pool-unconfigured',
    area: 'performance',
    severity: 'medium',
    title: 'The database connection pool is sized deliberately',
    failureTitle: 'Database connection pool left at library defaults',
    why: "Pool defaults are sized for a laptop, not for your database's connection limit times your number of processes. Too small and requests queue for a connection under load (then time out); too large across several workers and replicas and the database refuses connections. Size the pool from the database's `max_connections` divided by the number of processes. Django without `CONN_MAX_AGE` opens and closes a connection on every request. SQLite engines and engines with `NullPool` are not flagged, nor are pools whose options come from a non-literal value. Prisma is not checked: its pool size is `connection_limit` in the runtime DATABASE_URL, outside the repository.",
    fix: {
      default: 'Set the pool size explicitly from the database connection limit and the number of processes.',
      sqlalchemy: '`create_async_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True, pool_recycle=1800)`.',
      flask: '`app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 10, "max_overflow": 20, "pool_pre_ping": True}`.',
      django: 'Set `"CONN_MAX_AGE": 60` and `"CONN_HEALTH_CHECKS": True` in `DATABASES["default"]` (or Django 5.1+ `"OPTIONS": {"pool": {"max_size": 10}}` with psycopg 3).',
      node: '`new Pool({ connectionString, max: 20, idleTimeoutMillis: 30_000 })`; mysql2 `createPool({ connectionLimit: 20 })`; knex `pool: { min: 2, max: 20 }`; Sequelize `pool: { max: 20 }`; TypeORM `extra: { max: 20 }`.',
    },
    examples: {
      bad: 'engine = create_async_engine(settings.database_url)',
      good: 'engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=20, pool_pre_ping=True)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['dbEngines'],
    confidence: 'high',
  },
  check({ dbEngines }) {
    const pooled = dbEngines.filter((e) => e.poolNotApplicable === null);
    if (pooled.length === 0) return notApplicable(dbEngines.length > 0 ? 'only SQLite or pool-less engines' : 'no database engine or pool created in code');
    const judged = pooled.filter((e) => !e.poolOptions.includes('**'));
    const missing = judged.filter((e) => !e.poolOptions.some((o) => SIZING.has(o)));
    if (missing.length > 0) {
      return fail(
        missing.map((e) => {
          const d = DEFAULTS[e.kind] ?? { what: `${e.kind} pool left at the library defaults`, stack: 'default' as FixKey };
          return { message: d.what, evidence: [e.evidence], stack: d.stack };
        }),
      );
    }
    const sized = judged.filter((e) => e.poolOptions.some((o) => SIZING.has(o)));
    if (sized.length === 0) return notApplicable('pool options are passed through values the code model cannot read');
    return pass(
      `${plural(sized.length, 'pool')} sized explicitly: ${[...new Set(sized.flatMap((e) => e.poolOptions.filter((o) => SIZING.has(o))))].join(', ')}`,
      sized.map((e) => e.evidence),
    );
  },
});
