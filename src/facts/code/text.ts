/** Small text helpers shared by the language model builders. */
import type { Node } from 'web-tree-sitter';

const TEXT_MAX = 300;

/** Whitespace collapsed and capped, so models stay small on huge literals. */
export function collapse(text: string): string {
  const t = text.length > TEXT_MAX * 4 ? text.slice(0, TEXT_MAX * 4) : text;
  const c = t.replace(/\s+/g, ' ').trim();
  return c.length > TEXT_MAX ? `${c.slice(0, TEXT_MAX)}…` : c;
}

export function line(n: Node): number {
  return n.startPosition.row + 1;
}

export function endLine(n: Node): number {
  return n.endPosition.row + 1;
}

export function stripQuotes(s: string): string {
  return s.replace(/^[rbuRBUfF]*(['"`]{1,3})([\s\S]*)\1$/, '$2');
}
