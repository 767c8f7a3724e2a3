/**
 * 'migration-tool' markers: the schema evolves through versioned migrations.
 * - Files: alembic.ini (its `script_location` line), knexfile.*, drizzle.config.*, .sequelizerc, and
 *   every folder of migration files (role `migration`: `alembic/versions/`, Django `<app>/migrations/`,
 *   `prisma/migrations/`, knex / TypeORM / node-pg-migrate / SQL migration folders), one marker per
 *   folder at its first file, with the file count in the note. Package markers (`__init__.py`, env.py,
 *   script.py.mako, READMEs, .gitkeep) do not make a folder of migrations.
 * - Code: Flask-Migrate `Migrate(app, db)`, TypeORM `migrations:` options and MigrationInterface
 *   classes, Drizzle's migrator `migrate(db, …)`, Alembic `command.upgrade`, `new Umzug(…)`.
 * - Manifests, as a fallback: alembic, flask-migrate, yoyo-migrations, aerich, node-pg-migrate,
 *   db-migrate, umzug, sequelize-cli, @mikro-orm/migrations, postgrator, graphile-migrate.
 */
import { evidenceForFile } from '../../../core/evidence.js';
import type { RepoFile } from '../../../discover/types.js';
import type { FactMap, Marker } from '../../fact-map.js';
import type { RepoContext } from '../../repo.js';
import { depMarkers, entriesIn, findImport, isMigrationModule, type DepSpec, type Scanned } from '../../observability/scan.js';

const MIGRATION_LANGS = new Set(['python', 'typescript', 'javascript', 'sql']);
const NOT_MIGRATIONS = /^(__init__\.py|env\.py|script\.py\.mako|readme(\.\w+)?|\.gitkeep|conftest\.py)$/i;
const TOOL_FILES: [RegExp, string][] = [
  [/(^|\/)knexfile\.([cm]?[jt]s)$/, 'knex'],
  [/(^|\/)drizzle\.config\.([cm]?[jt]s|json)$/, 'drizzle-kit'],
  [/(^|\/)\.sequelizerc$/, 'sequelize-cli'],
];

const DEPS: DepSpec[] = [
  { detail: 'alembic', names: ['alembic'] },
  { detail: 'flask-migrate', names: ['flask-migrate'] },
  { detail: 'yoyo-migrations', names: ['yoyo-migrations'] },
  { detail: 'aerich', names: ['aerich'] },
  { detail: 'node-pg-migrate', names: ['node-pg-migrate'] },
  { detail: 'db-migrate', names: ['db-migrate'] },
  { detail: 'umzug', names: ['umzug'] },
  { detail: 'sequelize-cli', names: ['sequelize-cli'] },
  { detail: 'mikro-orm migrations', names: ['@mikro-orm/migrations'] },
  { detail: 'postgrator', names: ['postgrator'] },
  { detail: 'graphile-migrate', names: ['graphile-migrate'] },
];

export function migrationToolMarkers(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Marker[] {
  const out: Marker[] = [];
  const add = (detail: string, evidence: Marker['evidence']) => out.push({ kind: 'migration-tool', detail, evidence, scope: 'repo' });
  const live = repo.discovery.files.filter((f) => f.role !== 'test' && f.role !== 'fixture');
  for (const f of live) {
    if (/(^|\/)alembic\.ini$/.test(f.path)) {
      const i = repo.lines(f.path).findIndex((l) => /^\s*script_location\s*=/.test(l));
      add('alembic', i >= 0 ? repo.ev(f.path, i + 1) : evidenceForFile(f.path, 'alembic.ini'));
      continue;
    }
    const tool = TOOL_FILES.find(([re]) => re.test(f.path));
    if (tool) add(tool[1], evidenceForFile(f.path, `${tool[1]} configuration`));
  }
  // Migration modules outside a migrations folder (Alembic `revisions/…/versions/`) still make a folder of migrations.
  const elsewhere = files.filter((s) => s.file.role !== 'migration' && isMigrationModule(s.model)).map((s) => s.file);
  for (const [dir, group] of migrationFolders(live, elsewhere)) {
    const first = group[0];
    add(folderTool(dir, group), evidenceForFile(first.path, `${group.length} migration file${group.length === 1 ? '' : 's'} in ${dir}/`));
  }
  for (const s of files) {
    const m = s.model;
    for (const c of m.calls) {
      if (s.python && c.name === 'Migrate' && findImport(m, ['flask_migrate'])) add('flask-migrate', repo.ev(s.file.path, c.line));
      else if (s.python && c.callee === 'command.upgrade' && findImport(m, ['alembic'])) add('alembic', repo.ev(s.file.path, c.line));
      else if (!s.python && c.name === 'migrate' && m.imports.some((i) => /^drizzle-orm\/.+\/migrator$/.test(i.module))) add('drizzle migrator', repo.ev(s.file.path, c.line));
      else if (!s.python && c.name === 'Umzug') add('umzug', repo.ev(s.file.path, c.line));
      if (!s.python) {
        const opt = [...entriesIn(c)].find((e) => e.key === 'migrations' && (e.value.kind === 'list' ? (e.value.items ?? []).length > 0 : e.value.kind === 'string'));
        if (opt && findImport(m, ['typeorm', '@nestjs/typeorm'])) add('typeorm migrations', repo.ev(s.file.path, opt.value.line));
      }
    }
    if (!s.python) {
      for (const cls of m.classes) if (cls.bases.some((b) => /\bMigrationInterface\b/.test(b))) add('typeorm migrations', repo.ev(s.file.path, cls.line));
    }
  }
  return [...out, ...depMarkers(repo, facts, 'migration-tool', DEPS, out)];
}

/** Migration files grouped by the folder up to and including its `migrations` / `versions` segment. */
function migrationFolders(files: readonly RepoFile[], moreMigrations: readonly RepoFile[]): Map<string, RepoFile[]> {
  const out = new Map<string, RepoFile[]>();
  const extra = new Set(moreMigrations);
  for (const f of files) {
    if ((f.role !== 'migration' && !extra.has(f)) || !MIGRATION_LANGS.has(f.language)) continue;
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (NOT_MIGRATIONS.test(name)) continue;
    const segs = f.path.split('/');
    let cut = segs.length - 2;
    for (let i = segs.length - 2; i >= 0; i--) {
      if (/^(migrations|migrate|versions)$/i.test(segs[i])) {
        cut = i;
        break;
      }
    }
    const dir = segs.slice(0, cut + 1).join('/');
    const list = out.get(dir) ?? [];
    list.push(f);
    out.set(dir, list);
  }
  for (const list of out.values()) list.sort((a, b) => (a.path < b.path ? -1 : 1));
  return out;
}

function folderTool(dir: string, group: readonly RepoFile[]): string {
  if (/(^|\/)migrations$/.test(dir) && group.every((f) => /\/\d{4}_\w+\.py$/.test(f.path))) return 'django migrations';
  if (/(^|\/)versions$/.test(dir)) return 'alembic';
  if (/(^|\/)prisma\/migrations$/.test(dir)) return 'prisma migrate';
  if (/(^|\/)supabase\/migrations$/.test(dir)) return 'supabase';
  return 'migrations folder';
}
