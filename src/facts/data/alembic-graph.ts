/**
 * Alembic migration histories as graphs (fact MigrationGraph). A revision module declares
 * `revision = "…"` and `down_revision = "…" | None | ("a", "b")` at module level; everything here
 * comes from the code model's module-level assignments, never from a text search.
 *
 * Revisions are grouped by folder (`versions/`), and folders whose revisions point into each other
 * (Alembic `version_locations`) are joined into one graph. Two separate trees in one repository
 * (dispatch keeps `core/` and `tenant/`) stay two graphs.
 */
import type { CodeModel } from '../code/model.js';
import type { FactMap, MigrationGraph, MigrationNode } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { downgradeOf } from './function-body.js';
import { djangoGraphs } from './django-graph.js';
import { finishGraph } from './graph.js';
import { dirOf } from '../../core/paths.js';

const PARSED_ROLES = new Set(['migration', 'app', 'script', 'config']);

export function collectMigrationGraphs(repo: RepoContext, _facts: FactMap): MigrationGraph[] {
  return [...alembicGraphs(repo), ...djangoGraphs(repo)];
}

interface Revision {
  node: MigrationNode;
  dir: string;
  service: string;
}

/** A module-level `revision = "…"` with a `down_revision` beside it; undefined for any other module. */
function alembicRevision(repo: RepoContext, m: CodeModel): MigrationNode | undefined {
  if (m.language !== 'python') return undefined;
  const top = (name: string) => m.assignments.find((a) => a.scope === 'module' && a.target === name);
  const rev = top('revision');
  const down = top('down_revision');
  if (!rev || !down || rev.value.kind !== 'string' || !rev.value.value) return undefined;
  let parents: string[] | undefined;
  if (down.value.kind === 'none') parents = [];
  else if (down.value.kind === 'string') parents = down.value.value ? [down.value.value] : [];
  else if (down.value.kind === 'list' && (down.value.items ?? []).every((i) => i.kind === 'string')) parents = (down.value.items ?? []).map((i) => i.value ?? '');
  return {
    id: rev.value.value,
    // A down_revision computed from a name or call cannot be followed: the node's links are unknown.
    parents: parents ?? [],
    ...(parents === undefined ? { unresolved: true } : {}),
    evidence: repo.ev(m.file, rev.line),
    parentEvidence: repo.ev(m.file, down.line),
    downgrade: downgradeOf(repo, m),
  };
}

function alembicGraphs(repo: RepoContext): MigrationGraph[] {
  const revisions: Revision[] = [];
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (!f || !PARSED_ROLES.has(f.role)) continue;
    const node = alembicRevision(repo, m);
    if (node) revisions.push({ node, dir: dirOf(m.file), service: f.service });
  }
  revisions.sort((a, b) => (a.node.evidence.file < b.node.evidence.file ? -1 : a.node.evidence.file > b.node.evidence.file ? 1 : 0));

  // Union folders that link into each other, within one service.
  const parent = new Map<string, string>();
  const find = (d: string): string => {
    let r = d;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const r of revisions) parent.set(r.dir, r.dir);
  const idsByDir = new Map<string, Set<string>>();
  for (const r of revisions) idsByDir.set(r.dir, (idsByDir.get(r.dir) ?? new Set()).add(r.node.id));
  for (const r of revisions) {
    for (const p of r.node.parents) {
      if (idsByDir.get(r.dir)?.has(p)) continue;
      const other = revisions.find((o) => o.service === r.service && o.dir !== r.dir && o.node.id === p);
      if (other) parent.set(find(other.dir), find(r.dir));
    }
  }
  const groups = new Map<string, Revision[]>();
  for (const r of revisions) {
    const k = find(r.dir);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: MigrationGraph[] = [];
  for (const group of groups.values()) {
    const dirs = [...new Set(group.map((r) => r.dir))].sort();
    out.push(finishGraph('alembic', dirs.join(', '), group.map((r) => r.node), 'shared-base'));
  }
  return out.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}
