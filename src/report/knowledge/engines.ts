/**
 * Connection-pool defaults per database client (the DbEngine fact's `kind`), from each library's
 * documentation. The scaling notes multiply them by processes and replicas, and the runbook quotes
 * the error each pool raises when it runs dry.
 */

export interface EngineKnowledge {
  title: string;
  /** poolOptions names that set the pool's size. */
  sizeOptions: string[];
  /** Connections one process may open when no size option is passed. */
  defaultMax: number | null;
  defaultText: string;
  /** What the application sees when the pool is exhausted. */
  exhaustedSymptom: string;
  /** Where the size is set, for the fix. */
  sizeFix: string;
}

const SQLALCHEMY: EngineKnowledge = {
  title: 'SQLAlchemy',
  sizeOptions: ['pool_size', 'max_overflow'],
  defaultMax: 15,
  defaultText: 'pool_size=5 + max_overflow=10: up to 15 connections per process',
  exhaustedSymptom: 'requests fail with `sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00` (the numbers are the configured sizes)',
  sizeFix: 'set `pool_size`, `max_overflow` and `pool_timeout` on the engine',
};

export const ENGINES: Record<string, EngineKnowledge> = {
  sqlalchemy: SQLALCHEMY,
  'flask-sqlalchemy': { ...SQLALCHEMY, title: 'Flask-SQLAlchemy', sizeFix: 'set `SQLALCHEMY_ENGINE_OPTIONS = {"pool_size": …, "max_overflow": …}`' },
  pg: {
    title: 'node-postgres (pg)',
    sizeOptions: ['max'],
    defaultMax: 10,
    defaultText: 'max=10 connections per Pool',
    exhaustedSymptom: 'requests wait for a free client; with `connectionTimeoutMillis` set they fail with `timeout exceeded when trying to connect`, without it they hang',
    sizeFix: 'pass `max` and `connectionTimeoutMillis` to `new Pool({...})`',
  },
  mysql2: {
    title: 'mysql2',
    sizeOptions: ['connectionLimit'],
    defaultMax: 10,
    defaultText: 'connectionLimit=10 per pool',
    exhaustedSymptom: 'queries queue behind the pool and requests slow down until they time out',
    sizeFix: 'pass `connectionLimit` (and `queueLimit`) to `createPool`',
  },
  knex: {
    title: 'knex',
    sizeOptions: ['pool'],
    defaultMax: 10,
    defaultText: 'pool min=2, max=10 per instance',
    exhaustedSymptom: 'queries fail with `KnexTimeoutError: Knex: Timeout acquiring a connection. The pool is probably full.`',
    sizeFix: 'set `pool: { min, max }` and `acquireConnectionTimeout` in the knex config',
  },
  sequelize: {
    title: 'Sequelize',
    sizeOptions: ['pool'],
    defaultMax: 5,
    defaultText: 'pool max=5 per instance',
    exhaustedSymptom: 'queries fail with `SequelizeConnectionAcquireTimeoutError`',
    sizeFix: 'set `pool: { max, acquire }` in the Sequelize options',
  },
  typeorm: {
    title: 'TypeORM',
    sizeOptions: ['poolSize', 'extra.max', 'extra.connectionLimit'],
    defaultMax: 10,
    defaultText: "the driver's default pool (10 connections for pg and mysql2)",
    exhaustedSymptom: 'queries wait for a free driver connection and requests slow down until they time out',
    sizeFix: 'set `poolSize` (or `extra.max`) in the DataSource options',
  },
};
