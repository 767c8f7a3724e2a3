/**
 * 'orm-model' markers: tables declared in application code, one marker per model (detail
 * `<ORM> model <Name>`). A schema like this needs a migration history to change safely.
 * - SQLAlchemy declarative classes (`__tablename__`, or Column / mapped_column attributes on a
 *   `Model` / `Base` base — mixins carry columns too), Core
 *   `Table("name", metadata, ...)`, Flask-SQLAlchemy `db.Model`, SQLModel `table=True` classes
 *   (recognised by a `Field(primary_key=True)` attribute or `__tablename__`, directly or through a
 *   shared base, as the code model does not keep class keyword arguments); abstract classes (`__abstract__ = True`) are skipped.
 * - Django `models.Model` subclasses, directly or through another model class of the app, except
 *   abstract ones (`class Meta: abstract = True`).
 * - Prisma `model X {` blocks in .prisma files (not for MongoDB, which has no migrations).
 * - TypeORM / MikroORM `@Entity`, sequelize-typescript `@Table`, Sequelize `define` / `Model.init`,
 *   Drizzle `pgTable` / `mysqlTable` / `sqliteTable`, Objection `static tableName`.
 */
import type { CodeModel } from '../../code/model.js';
import type { FactMap, Marker } from '../../fact-map.js';
import type { RepoContext } from '../../repo.js';
import { findImport, isTrue, type Scanned } from '../../observability/scan.js';

const SA_MODULES = ['sqlalchemy', 'flask_sqlalchemy', 'sqlmodel'];
const COLUMN_CALLS = new Set(['Column', 'mapped_column', 'relationship']);
const DRIZZLE_TABLES = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable']);

export function ormModelMarkers(repo: RepoContext, _facts: FactMap, files: readonly Scanned[]): Marker[] {
  const out: Marker[] = [];
  const add = (file: string, line: number, detail: string) => out.push({ kind: 'orm-model', detail, evidence: repo.ev(file, line), scope: 'repo' });
  const app = files.filter((s) => s.file.role === 'app');
  const djangoClasses = djangoModelClasses(app);
  for (const s of app) {
    const hits = s.python ? pythonModels(s.model, djangoClasses) : nodeModels(s.model);
    for (const h of hits) add(s.file.path, h.line, h.detail);
  }
  for (const f of repo.discovery.files) {
    if (f.language !== 'prisma' || f.role === 'test' || f.role === 'fixture') continue;
    for (const h of prismaModels(repo.lines(f.path))) add(f.path, h.line, h.detail);
  }
  return out;
}

type Hit = { line: number; detail: string };

/**
 * Names of Django model classes across the app, abstract ones included: `models.Model` subclasses,
 * then (to a fixed point) subclasses of those, so `class Note(TimeStamped)` counts when
 * `TimeStamped(models.Model)` is an abstract base defined in any module.
 */
function djangoModelClasses(files: readonly Scanned[]): Set<string> {
  const names = new Set<string>();
  const classes = files.filter((s) => s.python && importsDjangoModels(s.model)).flatMap((s) => s.model.classes);
  let grew = true;
  while (grew) {
    grew = false;
    for (const cls of classes) {
      if (names.has(cls.name)) continue;
      if (cls.bases.some((b) => b === 'models.Model' || names.has(b.slice(b.lastIndexOf('.') + 1)))) {
        names.add(cls.name);
        grew = true;
      }
    }
  }
  return names;
}

function importsDjangoModels(m: CodeModel): boolean {
  return m.imports.some((i) => i.module === 'django.db' || i.module === 'django.db.models' || /(^|\.)models$/.test(i.module));
}

function pythonModels(m: CodeModel, djangoClasses: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  const sqlalchemy = !!findImport(m, SA_MODULES);
  const sqlmodel = !!findImport(m, ['sqlmodel']);
  const django = importsDjangoModels(m);
  for (const cls of m.classes) {
    const attrs = m.assignments.filter((a) => a.scope === 'class' && a.className === cls.name);
    const has = (target: string) => attrs.find((a) => a.target === target);
    if (sqlalchemy) {
      if (has('__abstract__') && isTrue(has('__abstract__')?.value)) continue;
      const columns = attrs.some((a) => a.value.kind === 'call' && COLUMN_CALLS.has((a.value.callee ?? '').replace(/^(db|sa|sqlalchemy|orm)\./, '')));
      // SQLModel `table=True` classes (often `class User(UserBase, table=True)`) always declare a primary key Field.
      const sqlmodelTable =
        sqlmodel &&
        attrs.some((a) => a.value.kind === 'call' && a.value.callee === 'Field' && a.value.call !== undefined && isTrue(m.calls[a.value.call].kwargs.primary_key));
      const declarative = cls.bases.some((b) => /(^|\.)(DeclarativeBase|DeclarativeBaseNoMeta|AsyncAttrs)$/.test(b));
      // Column attributes alone make a model only on a model base (`db.Model`, `Base`): mixins carry columns too.
      const onModelBase = cls.bases.some((b) => /(^|\.)(Model|Base)$/.test(b));
      if (!declarative && (has('__tablename__') || sqlmodelTable || (columns && onModelBase && !cls.bases.includes('SQLModel')))) {
        hits.push({ line: cls.line, detail: `SQLAlchemy model ${cls.name}` });
        continue;
      }
    }
    if (django && djangoClasses.has(cls.name)) {
      const meta = m.classes.find((k) => k.name === 'Meta' && k.line > cls.line && k.endLine <= cls.endLine);
      const abstract = meta && m.assignments.some((a) => a.className === 'Meta' && a.target === 'abstract' && a.line >= meta.line && a.line <= meta.endLine && isTrue(a.value));
      if (!abstract) hits.push({ line: cls.line, detail: `Django model ${cls.name}` });
    }
  }
  if (sqlalchemy) {
    for (const c of m.calls) {
      if ((c.callee === 'Table' || /^(sa|sqlalchemy|db)\.Table$/.test(c.callee)) && c.args[0]?.kind === 'string' && c.args.length >= 2) {
        hits.push({ line: c.line, detail: `SQLAlchemy table ${c.args[0].value}` });
      }
    }
  }
  return hits;
}

function nodeModels(m: CodeModel): Hit[] {
  const hits: Hit[] = [];
  const typeorm = !!findImport(m, ['typeorm', '@mikro-orm/core', '@mikro-orm/decorators']);
  const seqTs = !!findImport(m, ['sequelize-typescript']);
  const sequelize = !!findImport(m, ['sequelize']);
  const drizzle = !!findImport(m, ['drizzle-orm']);
  const objection = !!findImport(m, ['objection']);
  for (const c of m.calls) {
    if (typeorm && c.callee === 'Entity' && c.fn === -1) hits.push({ line: c.line, detail: `entity ${nextClass(m, c.line) ?? ''}`.trim() });
    else if (seqTs && c.callee === 'Table' && c.fn === -1) hits.push({ line: c.line, detail: `Sequelize model ${nextClass(m, c.line) ?? ''}`.trim() });
    else if (sequelize && c.name === 'define' && c.args[0]?.kind === 'string') hits.push({ line: c.line, detail: `Sequelize model ${c.args[0].value}` });
    else if (sequelize && c.name === 'init' && c.args[1]?.entries?.some((e) => e.key === 'sequelize')) {
      hits.push({ line: c.line, detail: `Sequelize model ${c.callee.split('.')[0]}` });
    } else if (drizzle && DRIZZLE_TABLES.has(c.callee) && c.args[0]?.kind === 'string') hits.push({ line: c.line, detail: `Drizzle table ${c.args[0].value}` });
  }
  if (objection) {
    for (const a of m.assignments) if (a.scope === 'class' && a.target === 'tableName') hits.push({ line: a.line, detail: `Objection model ${a.className ?? ''}`.trim() });
  }
  return hits;
}

/** The class a top-level decorator call belongs to: the first class starting within a few lines after it. */
function nextClass(m: CodeModel, line: number): string | undefined {
  const cls = m.classes.filter((k) => k.line >= line && k.line - line <= 3).sort((a, b) => a.line - b.line)[0];
  return cls?.name;
}

/** `model User {` blocks of a Prisma schema; none when the datasource is MongoDB (no migrations there). */
export function prismaModels(lines: readonly string[]): Hit[] {
  if (lines.some((l) => /^\s*provider\s*=\s*"mongodb"/.test(l))) return [];
  const hits: Hit[] = [];
  lines.forEach((l, i) => {
    const m = /^\s*model\s+(\w+)\s*\{/.exec(l);
    if (m) hits.push({ line: i + 1, detail: `Prisma model ${m[1]}` });
  });
  return hits;
}
