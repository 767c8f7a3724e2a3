/**
 * What a migration history looks like as a graph: its heads (revisions nothing builds on), heads
 * that grew from the same history (a fork that needs a merge), links to revisions that do not exist,
 * and ids declared twice. Shared by the Alembic and Django readers.
 */
import type { Evidence } from '../../core/evidence.js';
import type { MigrationGraph, MigrationNode } from '../fact-map.js';

/**
 * `shared-base`: heads are a problem only when they share an ancestor (Alembic allows independent
 * branches with separate bases). `all`: any two heads conflict (Django refuses several leaf nodes
 * in one app).
 */
export type HeadPolicy = 'shared-base' | 'all';

export function finishGraph(tool: MigrationGraph['tool'], dir: string, nodes: MigrationNode[], policy: HeadPolicy, app?: string): MigrationGraph {
  const byId = new Map<string, MigrationNode>();
  const dupes = new Map<string, Evidence[]>();
  for (const n of nodes) {
    const first = byId.get(n.id);
    if (!first) byId.set(n.id, n);
    else dupes.set(n.id, [...(dupes.get(n.id) ?? [first.evidence]), n.evidence]);
  }
  const referenced = new Set(nodes.flatMap((n) => n.parents));
  const broken: MigrationGraph['broken'] = [];
  for (const n of nodes) {
    for (const p of n.parents) if (!byId.has(p)) broken.push({ node: n.id, missing: p, evidence: n.parentEvidence ?? n.evidence });
  }
  const heads = [...byId.values()].filter((n) => !referenced.has(n.id));
  return {
    tool,
    dir,
    ...(app ? { app } : {}),
    nodes,
    heads: heads.map((n) => ({ id: n.id, evidence: n.evidence })),
    headGroups: policy === 'all' ? (heads.length ? [heads.map((h) => h.id)] : []) : groupBySharedBase(heads, byId),
    broken,
    duplicates: [...dupes].map(([id, evidence]) => ({ id, evidence })),
  };
}

/** Bases (revisions with no parent) each head descends from. */
function basesOf(head: MigrationNode, byId: ReadonlyMap<string, MigrationNode>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const stack = [head];
  while (stack.length) {
    const n = stack.pop() as MigrationNode;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.parents.length === 0 && !n.unresolved) out.add(n.id);
    for (const p of n.parents) {
      const next = byId.get(p);
      if (next) stack.push(next);
    }
  }
  return out;
}

/** Heads joined when their ancestries meet at a common base. */
function groupBySharedBase(heads: readonly MigrationNode[], byId: ReadonlyMap<string, MigrationNode>): string[][] {
  const groups: { ids: string[]; bases: Set<string> }[] = [];
  for (const h of heads) {
    const bases = basesOf(h, byId);
    const joined = groups.filter((g) => [...bases].some((b) => g.bases.has(b)));
    const merged = { ids: [...joined.flatMap((g) => g.ids), h.id], bases: new Set([...bases, ...joined.flatMap((g) => [...g.bases])]) };
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups.map((g) => g.ids);
}
