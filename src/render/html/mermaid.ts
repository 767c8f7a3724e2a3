/**
 * Reads the subset of Mermaid flowchart syntax that src/report/architecture.ts writes, so a run that
 * carries only the Mermaid source can still be drawn by diagram.ts without any Mermaid library.
 */
import type { Diagram, DiagramEdge, DiagramNode, NodeKind } from './diagram.js';

const SHAPES: [open: string, close: string, kind: NodeKind][] = [
  ['([', '])', 'client'],
  ['[(', ')]', 'store'],
  ['[[', ']]', 'queue'],
  ['{{', '}}', 'provider'],
  ['((', '))', 'other'],
  ['[', ']', 'other'],
  ['(', ')', 'other'],
  ['{', '}', 'other'],
];

/**
 * Reads the subset of Mermaid flowchart source shipready writes (quoted labels, `-->`, `-.->`,
 * `|label|`), for runs that carry only the Mermaid text. Anything else is ignored.
 */
export function fromMermaid(src: string): Diagram {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    const edge = /^([\w-]+)\s*(-->|-\.->|==>|---|-\.-)\s*(?:\|([^|]*)\|\s*)?([\w-]+)$/.exec(line);
    if (edge) {
      edges.push({ from: edge[1], to: edge[4], ...(edge[3] ? { label: edge[3].replace(/^"|"$/g, '') } : {}), ...(edge[2].includes('.') ? { dashed: true } : {}) });
      continue;
    }
    const id = /^([\w-]+)\s*/.exec(line);
    if (!id) continue;
    const rest = line.slice(id[0].length);
    const s = SHAPES.find(([o, c]) => rest.startsWith(`${o}"`) && rest.endsWith(`"${c}`));
    if (!s) continue;
    const text = rest.slice(s[0].length + 1, rest.length - s[1].length - 1);
    const lines = text.split(/<br\s*\/?>/i).filter((l) => l.length > 0);
    const kind: NodeKind = s[2] !== 'other' ? s[2] : /^app/.test(id[1]) ? 'app' : /^worker/.test(id[1]) ? 'worker' : 'other';
    nodes.push({ id: id[1], kind, lines: lines.length ? lines : [id[1]] });
  }
  return { nodes, edges };
}
