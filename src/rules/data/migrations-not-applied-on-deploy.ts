import { defineRule, fail, notApplicable, pass, type FixKey } from '../../core/rule.js';
import type { Marker, StartCommand } from '../../facts/fact-map.js';

const MANIFEST = /(^|\/)(package\.json|requirements[\w.-]*\.txt|pyproject\.toml|Pipfile|setup\.py|setup\.cfg)$/;
/** Where a reader looks first for "how does production start". */
const SOURCE_ORDER: StartCommand['source'][] = ['fly', 'railway', 'render', 'procfile', 'app-engine', 'dockerfile', 'script', 'package.json', 'compose'];

function toolStack(m: Marker): FixKey {
  if (/alembic/.test(m.detail)) return 'sqlalchemy';
  if (/django/.test(m.detail)) return 'django';
  if (/flask/.test(m.detail)) return 'flask';
  if (/prisma/.test(m.detail)) return 'prisma';
  return /\.py$/.test(m.evidence.file) ? 'py' : 'node';
}

export default defineRule({
  meta: {
    id: 'migrations-not-applied-on-deploy',
    area: 'data',
    severity: 'medium',
    title: 'Migrations are applied as part of every deploy',
    failureTitle: 'Nothing applies the migrations when the app is deployed',
    why:
      'Migration files only change the database when something runs them. When neither the start command, the entrypoint script, the platform release step nor a CI deploy job does, every schema change depends on someone remembering to run it by hand against production: the new code ships, its first query hits a column that does not exist, and requests fail until someone notices. ' +
      'Running migrations in a release / pre-deploy step also stops the deploy when a migration fails, instead of starting the new code on an old schema.',
    fix: {
      default: 'Run migrations in a release step that runs once per deploy before the new version takes traffic (fly `release_command`, Railway / Render `preDeployCommand`, Procfile `release:`), or at the top of the container entrypoint: `alembic upgrade head && exec gunicorn …`.',
      sqlalchemy: 'Add `alembic upgrade head` before the server starts: in the entrypoint (`alembic upgrade head && exec uvicorn app.main:app …`) or as the platform release command.',
      django: 'Run `python manage.py migrate --noinput` as the release command (Procfile `release: python manage.py migrate --noinput`, fly `release_command`) or in the entrypoint before gunicorn.',
      flask: 'Run `flask db upgrade` as the release command or in the entrypoint before gunicorn.',
      prisma: 'Run `prisma migrate deploy` before start: `"start": "prisma migrate deploy && node dist/server.js"`, or as the platform pre-deploy command.',
      node: 'Run the migration command before the server starts (`knex migrate:latest`, `typeorm migration:run -d dist/data-source.js`, `sequelize db:migrate`), as a pre-deploy command or in `prestart`.',
      fly: 'In fly.toml: `[deploy]\\n  release_command = "alembic upgrade head"` (or `python manage.py migrate`, `npx prisma migrate deploy`).',
      railway: 'In railway.json: `"deploy": { "preDeployCommand": ["alembic upgrade head"] }` (or railway.toml `preDeployCommand`).',
      render: 'In render.yaml: `preDeployCommand: alembic upgrade head` on the web service.',
    },
    examples: {
      bad: 'CMD ["gunicorn", "app.main:app", "-k", "uvicorn.workers.UvicornWorker"]',
      good: '# fly.toml\n[deploy]\n  release_command = "alembic upgrade head"',
      lang: 'toml',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node', 'platform'],
    needs: ['markers', 'migrationRuns', 'startCommands', 'files'],
    confidence: 'medium',
  },
  check({ markers, migrationRuns, startCommands, files }) {
    const tools = markers.filter((m) => m.kind === 'migration-tool' && !MANIFEST.test(m.evidence.file));
    if (tools.length === 0) return notApplicable('no migration files or migration tool configuration');
    const applied = migrationRuns.filter((r) => r.where !== 'dev');
    if (applied.length > 0) {
      const first = applied[0];
      return pass(`Migrations applied by ${first.command} (${first.where === 'code' ? 'at app startup' : first.where === 'ci' ? 'in a CI deploy job' : 'on the production start path'})`, applied.slice(0, 5).map((r) => r.evidence));
    }
    // Only the start path of the service that owns the migrations could apply them: a front end's
    // `node server.js` says nothing about a back end's Alembic history. Root-level deploy files may start either.
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const toolServices = new Set(tools.map((t) => serviceOf.get(t.evidence.file) ?? ''));
    const roots = startCommands
      .filter((c) => c.production && !c.via && (c.service === '' || toolServices.has(c.service) || toolServices.has('')))
      .sort((a, b) => SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source));
    if (roots.length === 0) return notApplicable('no production start command, release step or CI deploy job found for the service that holds the migrations');
    const anchor = roots[0];
    const dev = migrationRuns.filter((r) => r.where === 'dev');
    const platform: FixKey | undefined = anchor.source === 'fly' || anchor.source === 'railway' || anchor.source === 'render' ? anchor.source : undefined;
    return fail([
      {
        message: `${tools[0].detail === 'migrations folder' ? 'Migration files' : `${tools[0].detail} migrations`} exist but neither the production start path (\`${anchor.command.length > 60 ? `${anchor.command.slice(0, 59)}…` : anchor.command}\`), a release step, a CI deploy job nor the app applies them${dev.length ? ` (only a development path does: ${dev[0].evidence.file}:${dev[0].evidence.line})` : ''}`,
        evidence: [anchor.evidence, tools[0].evidence, ...dev.slice(0, 1).map((r) => r.evidence)],
        stack: platform ?? toolStack(tools[0]),
      },
    ]);
  },
});
