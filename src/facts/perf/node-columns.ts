/**
 * Foreign-key and filtered columns of Node ORM models (see py-columns.ts for the shape).
 * - Prisma schema (`.prisma`, a declarative DSL read line by line): a relation field's
 *   `@relation(fields: [authorId], …)` makes `authorId` a foreign key; indexed by `@id` / `@unique`
 *   on the field or by leading an `@@index` / `@@unique` / `@@id`. MongoDB schemas are skipped, and
 *   MySQL ones unless `relationMode = "prisma"` (InnoDB indexes foreign keys itself).
 *   Filters: `prisma.<model>.findMany/findFirst/findUnique/count/updateMany/deleteMany({ where: { col } })`.
 * - TypeORM: `@ManyToOne` with `@JoinColumn({ name: 'x' })` (the column name is only known from that
 *   literal); indexed by an `@Index()` in the same decorator group or a class `@Index(['x', …])`.
 * - Sequelize: attributes with `references` in `define(…)` / `Model.init(…)`; indexed by
 *   `unique` / `primaryKey` or by leading an entry of the options' `indexes`.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import { findImport, type Scanned } from '../observability/scan.js';
import type { FilterUse, OrmColumn } from './py-columns.js';

const str = (v: Value | undefined): string | undefined => (v?.kind === 'string' ? v.value : undefined);
const entry = (v: Value | undefined, key: string): Value | undefined => v?.entries?.find((e) => e.key === key)?.value;

export function prismaColumns(repo: RepoContext): { columns: OrmColumn[]; mysql: boolean } {
  const columns: OrmColumn[] = [];
  let mysql = false;
  for (const f of repo.discovery.files) {
    if (f.language !== 'prisma' || f.role === 'test' || f.role === 'fixture') continue;
    const lines = repo.lines(f.path);
    const provider = lines.map((l) => /^\s*provider\s*=\s*"(\w+)"/.exec(l)?.[1]).find((p) => p && p !== 'prisma-client-js');
    if (provider === 'mongodb') continue;
    if (provider === 'mysql' && !lines.some((l) => /^\s*relationMode\s*=\s*"prisma"/.test(l))) {
      mysql = true;
      continue;
    }
    let model: string | null = null;
    let fields: { name: string; line: number; own: string | null }[] = [];
    let fks: string[] = [];
    let leading = new Set<string>();
    const flush = () => {
      for (const fk of new Set(fks)) {
        const fd = fields.find((x) => x.name === fk);
        if (!fd || !model) continue;
        const indexedBy = fd.own ?? (leading.has(fk) ? '@@index' : null);
        columns.push({ family: 'node', orm: 'prisma', model, tables: [model], attr: fk, column: fk, fk: true, indexedBy, evidence: repo.ev(f.path, fd.line) });
      }
    };
    lines.forEach((raw, i) => {
      const l = raw.replace(/\/\/.*$/, '');
      const open = /^\s*model\s+(\w+)\s*\{/.exec(l);
      if (open) {
        model = open[1];
        fields = [];
        fks = [];
        leading = new Set();
        return;
      }
      if (!model) return;
      if (/^\s*\}/.test(l)) {
        flush();
        model = null;
        return;
      }
      const block = /^\s*@@(index|unique|id)\s*\(\s*(?:fields:\s*)?\[\s*(\w+)/.exec(l);
      if (block) return void leading.add(block[2]);
      const field = /^\s*(\w+)\s+\w+/.exec(l);
      if (!field) return;
      fields.push({ name: field[1], line: i + 1, own: /@id\b/.test(l) ? '@id' : /@unique\b/.test(l) ? '@unique' : null });
      const rel = /@relation\s*\([^)]*fields:\s*\[\s*(\w+)/.exec(l);
      if (rel) fks.push(rel[1]);
    });
  }
  return { columns, mysql };
}

/** `prisma.post.findMany({ where: { authorId } })`: the model (as in the schema) and the where keys. */
export function prismaFilters(repo: RepoContext, files: Scanned[], models: Set<string>): FilterUse[] {
  const out: FilterUse[] = [];
  const byLower = new Map([...models].map((x) => [x.charAt(0).toLowerCase() + x.slice(1), x]));
  for (const s of files) {
    if (s.python) continue;
    for (const c of s.model.calls) {
      const hit = /(?:^|\.)(\w+)\.(findMany|findFirst|findFirstOrThrow|count|updateMany|deleteMany|aggregate|groupBy)$/.exec(c.callee);
      const model = hit ? byLower.get(hit[1]) : undefined;
      if (!model) continue;
      const where = entry(c.args[0], 'where');
      for (const e of where?.entries ?? []) if (!/^(AND|OR|NOT|\.\.\.)/.test(e.key)) out.push({ model, attr: e.key, evidence: repo.ev(s.model.file, e.value.line) });
    }
  }
  return out;
}

/** Decorator calls of one class member: consecutive class-level calls ending at a property. */
function decoratorGroup(m: CodeModel, c: CallSite): CallSite[] {
  const level = m.calls.filter((x) => x.fn === c.fn && !x.callee.includes('.') && /^[A-Z]/.test(x.callee)).sort((a, b) => a.line - b.line);
  const i = level.indexOf(c);
  const group = [c];
  for (let j = i - 1; j >= 0 && level[j].endLine >= group[0].line - 1; j--) group.unshift(level[j]);
  for (let j = i + 1; j < level.length && level[j].line <= group[group.length - 1].endLine + 1; j++) group.push(level[j]);
  return group;
}

export function typeormColumns(repo: RepoContext, files: Scanned[]): OrmColumn[] {
  const out: OrmColumn[] = [];
  for (const s of files) {
    const m = s.model;
    if (s.python || !findImport(m, ['typeorm'])) continue;
    for (const cls of m.classes) {
      const classIndexes = cls.decorators.filter((d) => d.callee === 'Index').map((d) => str(callOf(m, d)?.args.find((a) => a.kind === 'list')?.items?.[0]));
      for (const c of m.calls) {
        if (c.callee !== 'ManyToOne' || c.line < cls.line || c.line > cls.endLine) continue;
        const group = decoratorGroup(m, c);
        const join = group.find((x) => x.callee === 'JoinColumn');
        const name = str(entry(join?.args[0], 'name'));
        if (!name) continue;
        const indexed = group.some((x) => x.callee === 'Index') ? '@Index()' : classIndexes.includes(name) ? '@Index([…])' : null;
        out.push({ family: 'node', orm: 'typeorm', model: cls.name, tables: [cls.name], attr: name, column: name, fk: true, indexedBy: indexed, evidence: repo.ev(m.file, c.line) });
      }
    }
  }
  return out;
}

function callOf(m: CodeModel, v: Value | undefined): CallSite | undefined {
  return v?.kind === 'call' && v.call !== undefined ? m.calls[v.call] : undefined;
}

export function sequelizeColumns(repo: RepoContext, files: Scanned[]): OrmColumn[] {
  const out: OrmColumn[] = [];
  for (const s of files) {
    const m = s.model;
    if (s.python || !findImport(m, ['sequelize'])) continue;
    for (const c of m.calls) {
      let model: string | undefined;
      let attrs: Value | undefined;
      let opts: Value | undefined;
      if (c.name === 'define' && str(c.args[0])) [model, attrs, opts] = [str(c.args[0]), c.args[1], c.args[2]];
      else if (c.name === 'init' && entry(c.args[1], 'sequelize')) [model, attrs, opts] = [c.callee.split('.')[0], c.args[0], c.args[1]];
      if (!model || attrs?.kind !== 'dict') continue;
      const leading = new Set((entry(opts, 'indexes')?.items ?? []).map((i) => str(entry(i, 'fields')?.items?.[0])).filter((x): x is string => !!x));
      const table = str(entry(opts, 'tableName')) ?? model;
      for (const e of attrs.entries ?? []) {
        if (!entry(e.value, 'references')) continue;
        const own = ['unique', 'primaryKey'].find((k) => entry(e.value, k) && entry(e.value, k)?.value !== 'false');
        const column = str(entry(e.value, 'field')) ?? e.key;
        out.push({ family: 'node', orm: 'sequelize', model, tables: [table], attr: e.key, column, fk: true, indexedBy: own ?? (leading.has(e.key) || leading.has(column) ? 'indexes' : null), evidence: repo.ev(m.file, e.value.line) });
      }
    }
  }
  return out;
}
