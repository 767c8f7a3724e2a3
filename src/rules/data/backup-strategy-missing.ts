import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/** Drivers and ORMs of a primary database (not caches, not hosted BaaS SDKs that back up for you). */
const DB_PACKAGES: Record<string, Set<string>> = {
  pypi: new Set([
    'psycopg2', 'psycopg2-binary', 'psycopg', 'psycopg-binary', 'asyncpg', 'pg8000', 'mysqlclient', 'pymysql', 'aiomysql', 'asyncmy',
    'mysql-connector-python', 'pymongo', 'motor', 'mongoengine', 'beanie', 'odmantic', 'sqlalchemy', 'sqlmodel', 'flask-sqlalchemy',
    'tortoise-orm', 'peewee', 'dj-database-url', 'databases', 'oracledb', 'cx-oracle',
  ]),
  npm: new Set([
    'pg', 'postgres', 'mysql', 'mysql2', 'mongodb', 'mongoose', '@prisma/client', 'prisma', 'typeorm', '@nestjs/typeorm', 'sequelize',
    'knex', 'drizzle-orm', '@mikro-orm/core', 'better-sqlite3', 'sqlite3', '@neondatabase/serverless', '@vercel/postgres', 'kysely',
  ]),
};
/** Environment variables that carry the main database's location. */
const DB_ENV = /^(DATABASE_URL|DB_URL|DB_HOST|POSTGRES_(URL|HOST|DSN|DB)|PG(HOST|DATABASE)|MYSQL_(URL|HOST)|MONGO(DB)?_(URI|URL)|SQLALCHEMY_DATABASE_URI)$/;

export default defineRule({
  meta: {
    id: 'backup-strategy-missing',
    area: 'data',
    severity: 'high',
    title: 'The primary data has a backup strategy',
    failureTitle: 'No backup strategy for the primary database',
    why: 'A dropped table, a bad migration or a deleted volume is unrecoverable without a backup, and a backup nobody has restored is a hope rather than a strategy. Managed databases often keep only short automatic backups (or none on free plans), so the repository should show how backups are taken, how long they are kept and how a restore is done.',
    fix: {
      default: 'Write down how the database is backed up and restored (a "Backups" section in the README or runbook: schedule, retention, restore command, last tested restore), and add a scheduled backup job (`pg_dump` / `mysqldump` / `mongodump` to off-site storage) if the platform does not take them.',
      railway: 'Enable Railway volume backups for the database service (schedule and retention), and document the restore steps; for long retention add a scheduled `pg_dump` to object storage.',
      fly: 'Fly Postgres volumes keep daily snapshots (`fly volumes snapshots list`); document the restore (`fly postgres create --snapshot-id …`) and add an off-site `pg_dump` for longer retention.',
      render: 'Render Postgres keeps point-in-time recovery on paid plans; document the plan and the restore steps, or schedule a `pg_dump` cron job.',
      'github-actions': 'A scheduled workflow (`on: schedule: - cron: "0 3 * * *"`) can run `pg_dump "$DATABASE_URL" | gzip` and upload the file to S3 or similar storage.',
    },
    examples: { good: '## Backups\nDaily `pg_dump` at 03:00 UTC to s3://backups (30 days).\nRestore: `gunzip -c dump.sql.gz | psql "$DATABASE_URL"`. Last restore test: 2024-05-01.', lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['markers', 'dependencies', 'envReads'],
    confidence: 'medium',
  },
  check({ markers, dependencies, envReads }) {
    const dbReads = envReads.filter((r) => DB_ENV.test(r.name));
    const dbDeps = dependencies.filter((d) => !d.dev && DB_PACKAGES[d.ecosystem]?.has(d.name));
    if (dbReads.length === 0 && dbDeps.length === 0) return notApplicable('no primary database (no database driver dependency or DATABASE_URL read)');
    const backups = markers.filter((m) => m.kind === 'backup');
    if (backups.length > 0) {
      // Headings and commands first: they say more than a mention in a paragraph or a file name.
      const rank = (e: Evidence) => (e.note === 'heading' ? 0 : e.line > 0 && e.note !== 'paragraph' ? 1 : e.note === 'paragraph' ? 2 : 3);
      const evidence = backups.map((m) => m.evidence).sort((a, b) => rank(a) - rank(b));
      return pass(`backup evidence found (${[...new Set(backups.map((m) => m.detail))].slice(0, 3).join(', ')}; ${plural(backups.length, 'place')})`, evidence);
    }
    const where: Evidence[] = [...dbReads.map((r) => r.evidence), ...dbDeps.map((d) => d.evidence)];
    const what = dbDeps.length ? dbDeps.map((d) => d.name).slice(0, 3).join(', ') : dbReads[0].name;
    return fail([
      {
        message: `The app keeps its data in a database (${what}) but nothing in the repository takes, schedules or documents backups`,
        evidence: where.slice(0, 6),
      },
    ]);
  },
});
