/** Small text helpers shared by the language model builders. */
import type { Node } from 'web-tree-sitter';

const TEXT_MAX = 300;
const NO_SPACE = /^\S*$/;

/** Whitespace collapsed and capped, so models stay small on huge literals. */
export function collapse(text: string): string {
  const t = text.length > TEXT_MAX * 4 ? text.slice(0, TEXT_MAX * 4) : text;
  // Most texts are names and short expressions with no whitespace: nothing to collapse, no copy.
  const c = NO_SPACE.test(t) ? t : t.replace(/\s+/g, ' ').trim();
  return c.length > TEXT_MAX ? `${c.slice(0, TEXT_MAX)}…` : c;
}

/** `source.split('\n').length`, without building the array. */
export function lineCount(source: string): number {
  let n = 1;
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) n++;
  return n;
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

/**
 * Normalizes a callee's source text: whitespace dropped and call arguments emptied, so
 * `res.status(500)\n  .json` becomes `res.status().json`. Working on the node's text avoids
 * materialising every sub-node of long call chains (the costliest part of building a model).
 */
export function normalizeCallee(text: string): string {
  let out = '';
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (depth > 0 && (ch === '"' || ch === "'" || ch === '`')) {
      quote = ch;
      continue;
    }
    if (ch === '(') {
      if (depth++ === 0) out += '(';
      continue;
    }
    if (ch === ')') {
      if (--depth === 0) out += ')';
      continue;
    }
    if (depth > 0 || ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') continue;
    out += ch;
  }
  return out.length > 200 ? out.slice(0, 200) : out;
}

/**
 * The name a string literal is given (`placeholder: "sk-…"`, `api_key="…"`, `<input placeholder="…">`,
 * `const example = "…"`), found from the literal's content node a few parents up. Asked only of secret
 * candidates, which are rare, so the parent walks cost little.
 */
export function literalKey(content: Node): string | undefined {
  let n: Node | null = content.parent;
  for (let depth = 0; n && depth < 3; depth++, n = n.parent) {
    const type = n.type;
    if (type === 'pair') return stripQuotes(n.childForFieldName('key')?.text ?? '');
    if (type === 'keyword_argument') return n.childForFieldName('name')?.text;
    if (type === 'jsx_attribute') return n.firstNamedChild?.text;
    if (type === 'variable_declarator') return n.childForFieldName('name')?.text;
    if (type === 'assignment' || type === 'assignment_expression') return n.childForFieldName('left')?.text;
  }
  return undefined;
}
