import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';
import type { Marker } from '../../facts/fact-map.js';
import { cite, inService, serviceOf, strongestFirst } from '../../core/rule-support/services.js';

/** The fix text to show, from what the marker says about the ORM. */
function stackOf(m: Marker): FixKey | undefined {
  if (/^db\.create_all/.test(m.detail)) return 'flask';
  if (/^SQLAlchemy|create_all/.test(m.detail)) return 'sqlalchemy';
  if (/^Django/.test(m.detail)) return 'django';
  if (/^Prisma/.test(m.detail)) return 'prisma';
  if (/^(entity|Sequelize|Drizzle|Objection|TypeORM|MikroORM)|schema\.createTable|\.sync\(\)/.test(m.detail)) return 'node';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'migrations-missing',
    area: 'data',
    severity: 'high',
    title: 'Schema changes go through a migration tool',
    failureTitle: 'Database schema has no migrations',
    why:
      '`create_all()`, `synchronize: true` or `CREATE TABLE IF NOT EXISTS` only create missing tables: a new column, a changed type or a new index on an existing table is silently never applied in production, and the code then fails on the first query that uses it. ' +
      'A migration tool keeps a versioned, reviewable history of every schema change, applies it the same way in every environment, and gives a way back when a deploy goes wrong.',
    fix: {
      default: 'Adopt the migration tool of your ORM, generate an initial migration from the current models, and apply migrations on deploy instead of creating tables from the app.',
      sqlalchemy: 'Add Alembic: `alembic init alembic`, point `target_metadata = Base.metadata` in env.py, `alembic revision --autogenerate -m "initial"`, run `alembic upgrade head` on deploy, and remove `create_all()` from the app.',
      flask: 'Add Flask-Migrate: `migrate = Migrate(app, db)`, then `flask db init`, `flask db migrate`, `flask db upgrade` on deploy; remove `db.create_all()`.',
      django: 'Run `python manage.py makemigrations` for every app with models, commit the `migrations/` folders, and run `python manage.py migrate` on deploy.',
      prisma: 'Use `prisma migrate dev` locally to create `prisma/migrations/`, commit it, and run `prisma migrate deploy` on deploy (not `prisma db push`).',
      node: 'TypeORM: set `synchronize: false`, generate migrations with `typeorm migration:generate` and run them on deploy; Sequelize: use sequelize-cli migrations instead of `sync()`; Drizzle: `drizzle-kit generate` + `migrate`; knex: `knex migrate:make`.',
    },
    examples: {
      bad: 'Base.metadata.create_all(bind=engine)',
      good: '# alembic/versions/0001_initial.py\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['markers', 'files'],
    confidence: 'high',
  },
  check({ markers, files }) {
    const svc = serviceOf({ files });
    const schema = markers.filter((m) => m.kind === 'orm-model' || m.kind === 'schema-in-code');
    if (schema.length === 0) return notApplicable('no ORM models or schema creation in application code');
    const targets = [...new Set(schema.map((m) => svc(m.evidence.file)))].sort();
    const tools = strongestFirst(markers.filter((m) => m.kind === 'migration-tool'));
    // A migration folder in a service of its own (a `db/` package) serves the services that declare the models.
    const toolsFor = (service: string) => tools.filter((m) => svc(m.evidence.file) === service || !targets.includes(svc(m.evidence.file)));

    const findings: Finding[] = [];
    const strengths: Marker[] = [];
    const notes: string[] = [];
    for (const service of targets) {
      const own = schema.filter((m) => svc(m.evidence.file) === service);
      const created = own.filter((m) => m.kind === 'schema-in-code');
      const models = own.filter((m) => m.kind === 'orm-model');
      const covered = toolsFor(service);
      if (covered.length > 0) {
        strengths.push(covered[0]);
        if (created.length > 0) notes.push(`the app also creates tables itself (${created.map(cite).join('; ')})`);
        continue;
      }
      const where = inService(service);
      for (const c of created) {
        findings.push({
          message: `Tables are created from application code (${c.detail}) and there is no migration tool${where}: changes to existing tables will never be applied`,
          evidence: [c.evidence],
          ...(stackOf(c) ? { stack: stackOf(c) } : {}),
        });
      }
      if (created.length === 0) {
        const names = models.map((m) => m.detail.replace(/^.*\s/, ''));
        findings.push({
          message: `${plural(models.length, 'ORM model')} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})${where} and no migration tool or migration files`,
          evidence: models.map((m) => m.evidence),
          ...(stackOf(models[0]) ? { stack: stackOf(models[0]) } : {}),
        });
      }
    }
    if (findings.length > 0) return fail(findings);
    const summary = `Migrations: ${[...new Set(strengths)].map(cite).join('; ')}${notes.length ? `; note: ${notes.join('; ')}` : ''}`;
    return pass(summary, [...new Set(strengths)].map((m) => m.evidence));
  },
});
