/**
 * Django migration histories, one graph per app: each `<app>/migrations/NNNN_name.py` whose
 * `class Migration(migrations.Migration)` lists `dependencies = [("app", "0001_initial"), …]`.
 * Only dependencies inside the same app are followed (other apps may be third-party packages).
 * Squashed migrations (`replaces = [...]`) stand for the migrations they replace, as in Django.
 */
import type { CodeModel, Value } from '../code/model.js';
import type { MigrationGraph, MigrationNode } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { finishGraph } from './graph.js';

interface DjangoMigration {
  app: string;
  dir: string;
  node: MigrationNode;
  replaces: string[];
}

/** `("app", "0001_initial")` pairs of a list value; other items (swappable_dependency calls) are skipped. */
function pairs(v: Value | undefined): [string, string][] {
  const out: [string, string][] = [];
  for (const item of v?.kind === 'list' ? (v.items ?? []) : []) {
    const [a, b] = item.items ?? [];
    if (item.kind === 'list' && a?.kind === 'string' && b?.kind === 'string') out.push([a.value ?? '', b.value ?? '']);
  }
  return out;
}

function djangoMigration(repo: RepoContext, m: CodeModel): DjangoMigration | undefined {
  const match = /(?:^|\/)([^/]+)\/migrations\/([^/]+)\.py$/.exec(m.file);
  if (!match || m.language !== 'python' || match[2] === '__init__') return undefined;
  const cls = m.classes.find((c) => c.name === 'Migration' && c.bases.some((b) => /(^|\.)Migration$/.test(b)));
  if (!cls || !m.imports.some((i) => i.module === 'django.db' && i.names.includes('migrations'))) return undefined;
  const field = (name: string) => m.assignments.find((a) => a.scope === 'class' && a.className === 'Migration' && a.target === name);
  const deps = field('dependencies');
  const app = match[1];
  const depPairs = pairs(deps?.value);
  // A non-literal dependencies list cannot be followed.
  const unresolved = !!deps && deps.value.kind !== 'list';
  return {
    app,
    dir: m.file.slice(0, m.file.lastIndexOf('/')),
    replaces: pairs(field('replaces')?.value).filter(([a]) => a === app).map(([, n]) => n),
    node: {
      id: match[2],
      parents: depPairs.filter(([a, n]) => a === app && n !== '__first__' && n !== '__latest__').map(([, n]) => n),
      ...(unresolved ? { unresolved: true } : {}),
      evidence: repo.ev(m.file, cls.line),
      ...(deps ? { parentEvidence: repo.ev(m.file, deps.line) } : {}),
    },
  };
}

export function djangoGraphs(repo: RepoContext): MigrationGraph[] {
  const byDir = new Map<string, DjangoMigration[]>();
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || f.role === 'test' || f.role === 'fixture') continue;
    const d = djangoMigration(repo, m);
    if (d) byDir.set(d.dir, [...(byDir.get(d.dir) ?? []), d]);
  }
  const out: MigrationGraph[] = [];
  for (const [dir, list] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => (a.node.id < b.node.id ? -1 : 1));
    // A replaced migration is represented by its squash: links to it count as links to the squash.
    const replacedBy = new Map<string, string>();
    for (const d of list) for (const r of d.replaces) replacedBy.set(r, d.node.id);
    const nodes = list
      .filter((d) => !replacedBy.has(d.node.id))
      .map((d) => ({ ...d.node, parents: [...new Set(d.node.parents.map((p) => replacedBy.get(p) ?? p))].filter((p) => p !== d.node.id) }));
    out.push(finishGraph('django', dir, nodes, 'all', list[0].app));
  }
  return out;
}
