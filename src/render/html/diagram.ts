/**
 * The architecture diagram as inline SVG, laid out here (no Mermaid library, nothing fetched):
 * a small layered ("Sugiyama-style") layout, left to right. Layers come from the longest path
 * after breaking cycles; edges that span several layers pass through virtual points; the order
 * within a layer is improved by a few barycenter sweeps; edges are horizontal-tangent curves.
 */
import { esc } from './util.js';

export type NodeKind = 'client' | 'app' | 'store' | 'queue' | 'worker' | 'provider' | 'other';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** First line is the title; the rest are details (file:line, counts). */
  lines: string[];
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  dashed?: boolean;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/** Average advance of the 12 px bold title and 11 px detail lines (system sans-serif). */
const CHAR_TITLE = 7.3;
const CHAR = 6.3;
const PAD_X = 12;
const LINE = 15;
const PAD_Y = 9;
const MIN_W = 110;
const MAX_W = 300;
const GAP_X = 120;
const GAP_Y = 18;
const MARGIN = 12;

interface Placed {
  id: string;
  node?: DiagramNode;
  layer: number;
  order: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

function extra(kind: NodeKind): number {
  return kind === 'provider' ? 34 : kind === 'queue' ? 16 : 0;
}

/** A line clipped to what fits in the widest node (its start kept: file paths read from the left). */
function fit(line: string, title: boolean, kind: NodeKind = 'other'): string {
  const max = Math.floor((MAX_W - 2 * PAD_X - extra(kind)) / (title ? CHAR_TITLE : CHAR));
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The node's text as drawn: a long title wraps once at a space, then every line is clipped. */
function rows(n: DiagramNode): { text: string; title: boolean }[] {
  const [first = '', ...rest] = n.lines;
  const max = Math.floor((MAX_W - 2 * PAD_X - extra(n.kind)) / CHAR_TITLE);
  let title = [first];
  if (first.length > max) {
    const cut = first.lastIndexOf(' ', max);
    if (cut > max / 3) title = [first.slice(0, cut), first.slice(cut + 1)];
  }
  return [...title.map((t) => ({ text: fit(t, true, n.kind), title: true })), ...rest.map((t) => ({ text: fit(t, false, n.kind), title: false }))];
}

function size(n: DiagramNode): { w: number; h: number } {
  const lines = rows(n);
  const px = Math.max(...lines.map((l) => l.text.length * (l.title ? CHAR_TITLE : CHAR)), 30);
  const w = Math.min(MAX_W, Math.max(MIN_W, Math.ceil(px + 2 * PAD_X + extra(n.kind))));
  const h = lines.length * LINE + 2 * PAD_Y + (n.kind === 'store' ? 10 : 0);
  return { w, h };
}

/** Longest-path layers over the graph with back edges (found by DFS in input order) reversed. */
function layers(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): { layer: Map<string, number>; forward: DiagramEdge[] } {
  const out = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) out.get(e.from)?.push(e.to);
  const state = new Map<string, 1 | 2>();
  const back = new Set<string>();
  const visit = (v: string) => {
    state.set(v, 1);
    for (const w of out.get(v) ?? []) {
      if (state.get(w) === 1) back.add(`${v}\u0000${w}`);
      else if (!state.has(w)) visit(w);
    }
    state.set(v, 2);
  };
  for (const n of nodes) if (!state.has(n.id)) visit(n.id);
  const forward = edges.map((e) => (back.has(`${e.from}\u0000${e.to}`) ? { ...e, from: e.to, to: e.from, reversed: true } : e));
  const layer = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  // At most |nodes| relaxation rounds on a DAG.
  for (let i = 0; i < nodes.length; i++) {
    let changed = false;
    for (const e of forward) {
      const want = (layer.get(e.from) ?? 0) + 1;
      if (want > (layer.get(e.to) ?? 0)) {
        layer.set(e.to, want);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { layer, forward };
}

interface Route {
  edge: DiagramEdge;
  /** Node ids, with the virtual points between. */
  path: string[];
  reversed: boolean;
  /** Where the edge leaves its source and enters its target. */
  y0: number;
  y1: number;
}

/** Spreads the edges leaving (entering) a node over its side, ordered by where they go (come from). */
function ports(routes: Route[], placed: Map<string, Placed>): void {
  const centre = (id: string) => placed.get(id)!.y + placed.get(id)!.h / 2;
  const spread = (node: string, list: Route[], other: (r: Route) => string, set: (r: Route, y: number) => void) => {
    const p = placed.get(node)!;
    list.sort((a, b) => centre(other(a)) - centre(other(b)));
    const span = Math.min(p.h - 12, (list.length - 1) * 9);
    list.forEach((r, i) => set(r, p.y + p.h / 2 + (list.length > 1 ? -span / 2 + (span * i) / (list.length - 1) : 0)));
  };
  const group = (key: (r: Route) => string) => {
    const m = new Map<string, Route[]>();
    for (const r of routes) (m.get(key(r)) ?? m.set(key(r), []).get(key(r))!).push(r);
    return m;
  };
  for (const [id, list] of group((r) => r.path[0])) spread(id, list, (r) => r.path[1], (r, y) => (r.y0 = y));
  for (const [id, list] of group((r) => r.path[r.path.length - 1])) spread(id, list, (r) => r.path[r.path.length - 2], (r, y) => (r.y1 = y));
}

export function layout(d: Diagram): { placed: Map<string, Placed>; routes: Route[]; width: number; height: number } {
  const known = new Set(d.nodes.map((n) => n.id));
  const edges = d.edges.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const { layer, forward } = layers(d.nodes, edges);
  const placed = new Map<string, Placed>();
  const byLayer: Placed[][] = [];
  const add = (p: Placed) => {
    placed.set(p.id, p);
    (byLayer[p.layer] ??= []).push(p);
    p.order = byLayer[p.layer].length - 1;
  };
  for (const n of d.nodes) add({ id: n.id, node: n, layer: layer.get(n.id) ?? 0, order: 0, x: 0, y: 0, ...size(n) });
  // Chains of virtual points for edges spanning more than one layer.
  const chains = forward.map((e, i) => {
    const chain = [e.from];
    for (let l = (layer.get(e.from) ?? 0) + 1; l < (layer.get(e.to) ?? 0); l++) {
      const id = `\u0000v${i}:${l}`;
      add({ id, layer: l, order: 0, x: 0, y: 0, w: 0, h: 8 });
      chain.push(id);
    }
    chain.push(e.to);
    return chain;
  });
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const c of chains) {
    for (let k = 1; k < c.length; k++) {
      (up.get(c[k]) ?? up.set(c[k], []).get(c[k])!).push(c[k - 1]);
      (down.get(c[k - 1]) ?? down.set(c[k - 1], []).get(c[k - 1])!).push(c[k]);
    }
  }
  const sweep = (row: Placed[], nbrs: Map<string, string[]>) => {
    const bary = (p: Placed) => {
      const ns = (nbrs.get(p.id) ?? []).map((id) => placed.get(id)!.order);
      return ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : p.order;
    };
    const keyed = row.map((p) => ({ p, k: bary(p) }));
    keyed.sort((a, b) => a.k - b.k || a.p.order - b.p.order);
    keyed.forEach(({ p }, i) => {
      p.order = i;
      row[i] = p;
    });
  };
  for (let round = 0; round < 4; round++) {
    for (let l = 1; l < byLayer.length; l++) if (byLayer[l]) sweep(byLayer[l], up);
    for (let l = byLayer.length - 2; l >= 0; l--) if (byLayer[l]) sweep(byLayer[l], down);
  }
  // Coordinates: columns left to right. The first column is centred; each later node sits level
  // with the mean of its predecessors, pushed apart (order kept) so nothing overlaps.
  const colH = byLayer.map((row = []) => row.reduce((s, p) => s + p.h, 0) + GAP_Y * Math.max(0, row.length - 1));
  const height = Math.max(...colH, 40) + 2 * MARGIN;
  let x = MARGIN;
  byLayer.forEach((row = [], l) => {
    const colW = Math.max(...row.map((p) => p.w), 0);
    // A virtual point spans its column: the long edge crosses it as a straight line between nodes.
    for (const p of row) {
      if (p.node) p.x = x + (colW - p.w) / 2;
      else [p.x, p.w] = [x, colW];
    }
    const want = row.map((p) => {
      const ys = (up.get(p.id) ?? []).map((id) => placed.get(id)!).map((q) => q.y + q.h / 2);
      return l === 0 || ys.length === 0 ? null : ys.reduce((a, b) => a + b, 0) / ys.length - p.h / 2;
    });
    pack(row, want, (height - colH[l]) / 2, height);
    x += colW + GAP_X;
  });
  const width = Math.max(x - GAP_X + MARGIN, 100);
  const routes: Route[] = forward.map((e, i) => ({
    edge: e,
    path: chains[i],
    reversed: 'reversed' in e && e.reversed === true,
    y0: 0,
    y1: 0,
  }));
  ports(routes, placed);
  return { placed, routes, width: Math.ceil(width), height: Math.ceil(height) };
}

/**
 * Places a column's nodes at their wanted heights (or stacked from `start` when none is wanted),
 * keeping their order and GAP_Y between them, inside [MARGIN, height − MARGIN].
 */
function pack(row: Placed[], want: (number | null)[], start: number, height: number): void {
  let y = want.every((w) => w === null) ? start : MARGIN;
  row.forEach((p, i) => {
    p.y = Math.max(want[i] ?? y, y);
    y = p.y + p.h + GAP_Y;
  });
  let limit = height - MARGIN;
  for (let i = row.length - 1; i >= 0; i--) {
    const p = row[i];
    if (p.y + p.h > limit) p.y = limit - p.h;
    limit = p.y - GAP_Y;
  }
}

function shape(p: Placed): string {
  const { x, y, w, h } = p;
  switch (p.node?.kind) {
    case 'client':
      return `<rect class="s" x="${x}" y="${y}" width="${w}" height="${h}" rx="${Math.min(h / 2, 18)}"/>`;
    case 'store': {
      const e = 6;
      return `<path class="s" d="M${x},${y + e} a${w / 2},${e} 0 0 0 ${w},0 a${w / 2},${e} 0 0 0 ${-w},0 v${h - 2 * e} a${w / 2},${e} 0 0 0 ${w},0 v${-(h - 2 * e)}"/>`;
    }
    case 'queue':
      return `<rect class="s" x="${x}" y="${y}" width="${w}" height="${h}" rx="3"/><path class="inner" d="M${x + 8},${y} v${h} M${x + w - 8},${y} v${h}"/>`;
    case 'provider': {
      const i = 12;
      return `<polygon class="s" points="${x + i},${y} ${x + w - i},${y} ${x + w},${y + h / 2} ${x + w - i},${y + h} ${x + i},${y + h} ${x},${y + h / 2}"/>`;
    }
    default:
      return `<rect class="s" x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/>`;
  }
}

function nodeSvg(p: Placed): string {
  const n = p.node!;
  const top = p.y + PAD_Y + (n.kind === 'store' ? 10 : 0);
  const cx = p.x + p.w / 2;
  const text = rows(n)
    .map((l, i) => `<text x="${cx}" y="${top + i * LINE + 11}"${l.title ? ' class="t"' : ''}>${esc(l.text)}</text>`)
    .join('');
  return `<g class="node n-${n.kind}"><title>${esc(n.lines.join('\n'))}</title>${shape(p)}${text}</g>`;
}

function edgeSvg(r: Route, placed: Map<string, Placed>): string {
  const pts = r.path.map((id) => placed.get(id)!);
  // Curves in the gaps between columns; straight through the columns a long edge crosses.
  const start = pts[0];
  let d = `M${start.x + start.w},${r.y0}`;
  let a = { x: start.x + start.w, y: r.y0 };
  let b = a;
  pts.slice(1).forEach((p, i) => {
    b = { x: p.x, y: i === pts.length - 2 ? r.y1 : p.y + p.h / 2 };
    const dx = (b.x - a.x) / 2;
    d += ` C${a.x + dx},${a.y} ${b.x - dx},${b.y} ${b.x},${b.y}`;
    if (!p.node) {
      d += ` L${p.x + p.w},${b.y}`;
      a = { x: p.x + p.w, y: b.y };
    }
  });
  const marker = r.reversed ? ' marker-start="url(#arr-back)"' : ' marker-end="url(#arr)"';
  let label = '';
  if (r.edge.label) {
    // Along the last curve (a → b), where each target has its own height, so labels rarely collide.
    const t = fit(r.edge.label, false);
    const w = t.length * 6 + 10;
    // The curve's point at t = 0.65: both controls sit halfway across, level with their ends.
    const k = 0.65;
    const fx = 1.5 * (1 - k) * (1 - k) * k + 1.5 * (1 - k) * k * k + k * k * k;
    const fy = 3 * (1 - k) * k * k + k * k * k;
    const lx = a.x + (b.x - a.x) * fx;
    const ly = a.y + (b.y - a.y) * fy;
    label = `<g class="elabel"><rect x="${lx - w / 2}" y="${ly - 9}" width="${w}" height="16" rx="3"/><text x="${lx}" y="${ly + 3}">${esc(t)}</text></g>`;
  }
  return `<g class="edge${r.edge.dashed ? ' dashed' : ''}"><path d="${d}"${marker}/>${label}</g>`;
}

/** The diagram as an SVG element; empty when there is nothing to draw. */
export function diagramSvg(d: Diagram): string {
  if (d.nodes.length === 0) return '';
  const { placed, routes, width, height } = layout(d);
  const desc = d.edges.map((e) => `${label(d, e.from)} → ${label(d, e.to)}${e.label ? ` (${e.label})` : ''}`).join('; ');
  const defs =
    '<defs><marker id="arr" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker>' +
    '<marker id="arr-back" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M10,0 L0,5 L10,10 z"/></marker></defs>';
  const nodes = [...placed.values()].filter((p) => p.node).map(nodeSvg).join('');
  const edges = routes.map((r) => edgeSvg(r, placed)).join('');
  return `<svg class="arch" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="arch-t arch-d"><title id="arch-t">Architecture</title><desc id="arch-d">${esc(desc)}</desc>${defs}${edges}${nodes}</svg>`;
}

function label(d: Diagram, id: string): string {
  return d.nodes.find((n) => n.id === id)?.lines[0] ?? id;
}
