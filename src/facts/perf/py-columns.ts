/**
 * Columns of Python ORM models, with what indexes them, and the columns queries filter on.
 * - SQLAlchemy / Flask-SQLAlchemy / SQLModel: class attributes `Column(...)`, `mapped_column(...)`,
 *   SQLModel `Field(foreign_key=…)`; a foreign key is `ForeignKey(...)` among the arguments. Indexed
 *   by `index=True`, `unique=True`, `primary_key=True` (a non-literal value is taken as indexed), by
 *   leading an `Index(...)` / `UniqueConstraint(...)` in `__table_args__` or a module-level
 *   `Index("ix", Model.col)`. Columns of a mixin belong to the models that inherit it.
 *   Filters: `.filter(Model.col == …)` / `.where(Model.col == …)`, `.filter_by(col=…)` after
 *   `query(Model)` / `select(Model)` on the same line.
 * - Django: `models.ForeignKey` / `OneToOneField` are indexed unless `db_index=False`; other fields
 *   by `db_index=True`, `unique=True`, `primary_key=True` (SlugField by default), or by leading an
 *   entry of Meta `indexes` / `unique_together` / `index_together` / `constraints`.
 *   Filters: `Model.objects.filter/get/exclude(col=…)` (the part before `__`).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import { findImport, walkValue, type Scanned } from '../observability/scan.js';

export interface OrmColumn {
  family: 'py' | 'node';
  orm: string;
  /** Model class (or Prisma model) the attribute is declared on. */
  model: string;
  /** Tables the column lives in (a mixin's column lives in each inheriting model's table). */
  tables: string[];
  /** Attribute name (used by filters) and database column name (used by migrations). */
  attr: string;
  column: string;
  fk: boolean;
  /** Why it is indexed in the model itself, or null. */
  indexedBy: string | null;
  /**
   * A boolean / enum / choices column, or one named like a flag or a status: an index on it alone
   * rarely helps (few distinct values), so filters on it are not reported.
   */
  lowCardinality?: boolean;
  evidence: Evidence;
}

export interface FilterUse {
  model: string;
  attr: string;
  evidence: Evidence;
}

const truthy = (v: Value | undefined): boolean => !!v && !(v.kind === 'bool' && v.value === 'false') && v.kind !== 'none';
const str = (v: Value | undefined): string | undefined => (v?.kind === 'string' ? v.value : undefined);
const callOf = (m: CodeModel, v: Value | undefined): CallSite | undefined => (v?.kind === 'call' && v.call !== undefined ? m.calls[v.call] : undefined);
/** The column a constraint argument names: 'user_id', user_id, Model.user_id → user_id. */
const colName = (v: Value | undefined): string | undefined => str(v) ?? (v && (v.kind === 'name' || v.kind === 'attr') ? v.text.replace(/^.*\./, '') : undefined);

const SA_COLUMN = /^((db|sa|sqlalchemy|orm)\.)?(Column|mapped_column)$/;
const FLAG_NAME = /^(status|state|type|kind|scope|visibility|role|level|enabled|disabled|default|active|deleted|archived|visible|public|private|(is|has|can|should)_\w+)$/;
const LOW_CARD_TYPE = /(^|\.)(Boolean|Enum|BooleanField|NullBooleanField)\b/;

export function isLowCardinality(attr: string, texts: string[], annotation?: string): boolean {
  return FLAG_NAME.test(attr) || texts.some((t) => LOW_CARD_TYPE.test(t)) || /\bbool\b/.test(annotation ?? '');
}

export function sqlalchemyColumns(repo: RepoContext, files: Scanned[]): { columns: OrmColumn[]; filters: FilterUse[] } {
  const columns: OrmColumn[] = [];
  const filters: FilterUse[] = [];
  const sa = files.filter((s) => s.python && findImport(s.model, ['sqlalchemy', 'flask_sqlalchemy', 'sqlmodel']));
  // Class name → table name, and class → bases, across files (mixins live elsewhere).
  const tableOf = new Map<string, string>();
  const basesOf = new Map<string, string[]>();
  const tablenameFn = new Set<string>(); // classes whose `__tablename__` is computed (declared_attr)
  const abstract = new Set<string>();
  for (const s of sa) {
    for (const cls of s.model.classes) {
      basesOf.set(cls.name, cls.bases.map((b) => b.replace(/^.*\./, '')));
      const own = s.model.assignments.filter((a) => a.scope === 'class' && a.className === cls.name && a.line >= cls.line && a.line <= cls.endLine);
      const t = own.find((a) => a.target === '__tablename__');
      if (t && str(t.value)) tableOf.set(cls.name, str(t.value) as string);
      if (own.some((a) => a.target === '__abstract__' && truthy(a.value))) abstract.add(cls.name);
      if (s.model.functions.some((f) => f.className === cls.name && f.name === '__tablename__')) tablenameFn.add(cls.name);
    }
  }
  const ancestors = (cls: string, seen = new Set<string>()): string[] => {
    for (const b of basesOf.get(cls) ?? []) if (!seen.has(b)) (seen.add(b), ancestors(b, seen));
    return [...seen];
  };
  // A mapped model: a table name of its own, or a base that computes one / is a declarative base.
  const isModel = (cls: string): boolean => {
    if (abstract.has(cls) || (basesOf.get(cls) ?? []).some((b) => /^(DeclarativeBase|DeclarativeBaseNoMeta)$/.test(b))) return false;
    if (tableOf.has(cls)) return true;
    const up = [cls, ...ancestors(cls)];
    return up.some((a) => tablenameFn.has(a) || (basesOf.get(a) ?? []).some((b) => /^(DeclarativeBase|Model)$/.test(b)));
  };
  /** snake_case of a class name: the name Flask-SQLAlchemy (and most computed `__tablename__`s) give the table. */
  const snake = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const tablesFor = (cls: string, depth = 0): string[] => {
    if (isModel(cls)) return [tableOf.get(cls) ?? snake(cls)];
    if (depth > 5) return [];
    // A mixin: every model that inherits it, directly or through another mixin.
    const out: string[] = [];
    for (const [name, bases] of basesOf) if (bases.includes(cls) && name !== cls) out.push(...tablesFor(name, depth + 1));
    return [...new Set(out)];
  };
  const moduleIndexed = new Set<string>(); // `Model.col` leading a module-level Index(...)
  for (const s of sa) {
    for (const c of s.model.calls) {
      if (c.fn === -1 && /(^|\.)Index$/.test(c.callee) && c.args[1] && (c.args[1].kind === 'attr')) moduleIndexed.add(c.args[1].text.replace(/\.c\./, '.'));
    }
  }
  for (const s of sa) {
    const m = s.model;
    for (const cls of m.classes) {
      const attrs = m.assignments.filter((a) => a.scope === 'class' && a.className === cls.name && a.line >= cls.line && a.line <= cls.endLine);
      const tableArgs = attrs.find((a) => a.target === '__table_args__');
      const composite = new Set<string>();
      for (const v of walkValue(tableArgs?.value)) {
        const c = callOf(m, v);
        if (!c) continue;
        if (/(^|\.)Index$/.test(c.callee)) composite.add(colName(c.args[1]) ?? '');
        else if (/(^|\.)(UniqueConstraint|PrimaryKeyConstraint)$/.test(c.callee)) composite.add(colName(c.args[0]) ?? '');
      }
      for (const a of attrs) {
        const c = callOf(m, a.value);
        if (!c) continue;
        const isColumn = SA_COLUMN.test(c.callee);
        const isField = c.callee === 'Field' && !!findImport(m, ['sqlmodel']);
        if (!isColumn && !isField) continue;
        const fk = isField ? !!c.kwargs.foreign_key : c.args.some((x) => /(^|\.)ForeignKey$/.test(x.callee ?? ''));
        const own = ['primary_key', 'index', 'unique'].find((k) => truthy(c.kwargs[k]));
        const indexedBy = own ? `${own}=True` : composite.has(a.target) ? '__table_args__' : moduleIndexed.has(`${cls.name}.${a.target}`) ? 'Index()' : null;
        const tables = tablesFor(cls.name);
        if (tables.length === 0) continue;
        const lowCardinality = isLowCardinality(a.target, [c.callee, ...c.args.map((x) => x.text)], a.annotation);
        columns.push({ family: 'py', orm: 'sqlalchemy', model: cls.name, tables, attr: a.target, column: str(c.args[0]) ?? a.target, fk, indexedBy, lowCardinality, evidence: repo.ev(m.file, a.line) });
      }
    }
    for (const c of m.calls) {
      // `func.count().filter(...)` is an aggregate FILTER clause, not a row lookup.
      if ((c.name === 'filter' || c.name === 'where') && !/^((sa|sqlalchemy)\.)?func\./.test(c.callee)) {
        for (const arg of c.args) {
          const hit = /^(\w+)\.(\w+)\s*==(?!\s*(None\b|null\(\)))/.exec(arg.text);
          if (hit && basesOf.has(hit[1]) && isModel(hit[1])) filters.push({ model: hit[1], attr: hit[2], evidence: repo.ev(m.file, arg.line) });
        }
      } else if (c.name === 'filter_by') {
        const q = m.calls.find((x) => (x.name === 'query' || x.name === 'select') && x.line === c.line && x.args[0]?.kind === 'name');
        const model = q?.args[0].text;
        if (model && basesOf.has(model) && isModel(model)) for (const k of Object.keys(c.kwargs)) if (k !== '**') filters.push({ model, attr: k, evidence: repo.ev(m.file, c.line) });
      }
    }
  }
  return { columns, filters };
}

const DJANGO_FK = /^(models\.)?(ForeignKey|OneToOneField)$/;
const DJANGO_FIELD = /^(models\.)?\w+Field$/;

export function djangoColumns(repo: RepoContext, files: Scanned[]): { columns: OrmColumn[]; filters: FilterUse[] } {
  const columns: OrmColumn[] = [];
  const filters: FilterUse[] = [];
  const dj = files.filter((s) => s.python && findImport(s.model, ['django.db']));
  const models = new Set<string>();
  for (const s of dj) for (const cls of s.model.classes) if (cls.bases.some((b) => /(^|\.)Model$/.test(b))) models.add(cls.name);
  for (const s of dj) {
    const m = s.model;
    for (const cls of m.classes) {
      if (!models.has(cls.name)) continue;
      const meta = m.classes.find((k) => k.name === 'Meta' && k.line > cls.line && k.endLine <= cls.endLine);
      const leading = new Set<string>();
      if (meta) {
        for (const a of m.assignments) {
          if (a.className !== 'Meta' || a.line < meta.line || a.line > meta.endLine) continue;
          if (a.target === 'indexes' || a.target === 'constraints') {
            for (const v of walkValue(a.value)) {
              const c = callOf(m, v);
              const first = str(c?.kwargs.fields?.items?.[0]);
              if (first) leading.add(first.replace(/^-/, ''));
            }
          } else if (a.target === 'unique_together' || a.target === 'index_together') {
            const items = a.value.items ?? [];
            const groups = items.every((i) => i.kind === 'string') ? [a.value] : items;
            for (const g of groups) if (str(g.items?.[0])) leading.add(str(g.items?.[0]) as string);
          }
        }
      }
      for (const a of m.assignments) {
        if (a.scope !== 'class' || a.className !== cls.name || a.line < cls.line || a.line > cls.endLine) continue;
        const c = callOf(m, a.value);
        if (!c || !DJANGO_FIELD.test(c.callee) && !DJANGO_FK.test(c.callee)) continue;
        const fk = DJANGO_FK.test(c.callee);
        const off = c.kwargs.db_index?.kind === 'bool' && c.kwargs.db_index.value === 'false';
        let indexedBy: string | null = null;
        if (fk) indexedBy = off ? null : 'ForeignKey (indexed by default)';
        else if (['db_index', 'unique', 'primary_key'].some((k) => truthy(c.kwargs[k]))) indexedBy = 'field option';
        else if (/SlugField$/.test(c.callee) && !off) indexedBy = 'SlugField (indexed by default)';
        if (!indexedBy && leading.has(a.target)) indexedBy = 'Meta';
        if (/ManyToManyField$/.test(c.callee)) continue;
        const lowCardinality = isLowCardinality(a.target, [c.callee]) || !!c.kwargs.choices;
        columns.push({ family: 'py', orm: 'django', model: cls.name, tables: [cls.name.toLowerCase()], attr: a.target, column: fk ? `${a.target}_id` : a.target, fk, indexedBy, lowCardinality, evidence: repo.ev(m.file, a.line) });
      }
    }
  }
  // Queries live in views and services, which need not import django.db.
  for (const s of files) {
    if (!s.python) continue;
    const m = s.model;
    for (const c of m.calls) {
      const hit = /^(\w+)\.objects\.(filter|get|exclude)$/.exec(c.callee);
      if (!hit || !models.has(hit[1])) continue;
      for (const k of Object.keys(c.kwargs)) if (k !== '**') filters.push({ model: hit[1], attr: k.split('__')[0], evidence: repo.ev(m.file, c.line) });
    }
  }
  return { columns, filters };
}
