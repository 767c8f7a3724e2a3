import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';
import type { DbCredential } from '../../facts/fact-map.js';

/** Database drivers and ORMs: a service that declares one connects to a database somewhere. */
const DRIVERS = /^(pg|postgres|mysql2?|mongoose|mongodb|sequelize|typeorm|knex|@prisma\/client|drizzle-orm|ioredis|redis|sqlalchemy|psycopg2?(-binary)?|asyncpg|pymysql|mysqlclient|pymongo|motor|django|tortoise-orm|peewee|sqlmodel)$/i;

function stackOf(c: DbCredential): FixKey {
  if (/DATABASES/.test(c.scheme)) return 'django';
  if (/\.py$/.test(c.evidence.file)) return 'py';
  if (/\.[cm]?[jt]sx?$/.test(c.evidence.file)) return 'node';
  if (/(^|\/)(docker-)?compose[\w.-]*\.ya?ml$|(^|\/)Dockerfile/.test(c.evidence.file)) return 'docker';
  return 'default';
}

export default defineRule({
  meta: {
    id: 'db-credentials-hardcoded',
    area: 'data',
    severity: 'critical',
    title: 'Database credentials come from the environment',
    failureTitle: 'Database credentials are written in the repository',
    why:
      'A database password in code or a committed config file is readable by everyone with access to the repository, its forks, CI logs and every laptop that cloned it, and it stays in the git history after the line is changed. Whoever has it can read, change or delete all the data the application holds. ' +
      'It also ties every environment to one password: rotating it after a leak means a code change and a redeploy.',
    fix: {
      default: 'Read the connection string from the environment (`DATABASE_URL`) and set it in the platform\'s secret store; rotate the exposed password now, since it remains in the git history.',
      py: 'Use `DATABASE_URL = os.environ["DATABASE_URL"]` (or a pydantic-settings field `database_url: PostgresDsn`), put the value in the platform\'s secrets, and rotate the password that was committed.',
      django: 'Use `DATABASES = {"default": env.db("DATABASE_URL")}` (django-environ) or `dj_database_url.config()`, and rotate the committed password.',
      node: 'Use `new Pool({ connectionString: process.env.DATABASE_URL })` and set DATABASE_URL in the platform\'s secrets; rotate the committed password.',
      docker: 'In compose, reference the value instead of writing it: `DATABASE_URL: ${DATABASE_URL}` with the value in an uncommitted `.env`, or use Docker secrets; rotate the committed password.',
    },
    examples: {
      bad: 'engine = create_engine("postgresql://app:S3cr3tPassw0rd@db.prod.internal:5432/app")',
      good: 'engine = create_engine(os.environ["DATABASE_URL"])',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['any'],
    needs: ['dbCredentials', 'dbEngines', 'envReads', 'dependencies'],
    confidence: 'high',
  },
  check({ dbCredentials, dbEngines, envReads, dependencies }) {
    if (dbCredentials.length > 0) {
      return fail(
        dbCredentials.map((c) => ({
          message: c.kind === 'url' ? `A ${c.scheme} connection URL with its password is committed in ${c.evidence.file}` : `A database password is written in ${c.evidence.file} (${c.scheme})`,
          evidence: [c.evidence],
          stack: stackOf(c),
        })),
      );
    }
    const dbEnv = envReads.filter((r) => /(DATABASE|DB|POSTGRES|PG|MYSQL|MONGO)[A-Z_]*(URL|URI|DSN|PASSWORD)|^DATABASE_URL$/.test(r.name));
    const drivers = dependencies.filter((d) => !d.dev && DRIVERS.test(d.name));
    if (dbEngines.length === 0 && dbEnv.length === 0 && drivers.length === 0) return notApplicable('no database connection found');
    return pass(
      dbEnv.length > 0 ? `database connection read from the environment (${[...new Set(dbEnv.map((r) => r.name))].slice(0, 3).join(', ')}); no credentials in code or committed config` : 'no database credentials in code or committed config',
      (dbEnv.length ? dbEnv.slice(0, 3).map((r) => r.evidence) : drivers.slice(0, 1).map((d) => d.evidence)),
    );
  },
});
