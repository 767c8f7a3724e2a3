/**
 * Python expressions as code-model Values (code/model.ts), read from the syntax tree by the model
 * builder (model.ts). Every read of a node's type, text or children is a call into WASM, so each is
 * made once and passed along.
 */
import type { Node } from 'web-tree-sitter';
import type { Value } from '../code/model.js';
import { collapse, line, normalizeCallee, stripQuotes } from '../code/text.js';

/** Calls and functions of the file by node id, and each call's callee (read once, for its call site and values). */
export type Index = { calls: Map<number, number>; callees: string[]; fns: Map<number, number> };

const MAX_ITEMS = 25;
const MAX_DEPTH = 4;

/** One pass over a string's children: its literal content and whether it interpolates. */
function readString(node: Node): { content: string; interpolated: boolean } {
  let content = '';
  let interpolated = false;
  let fPrefix = false;
  for (const c of node.children) {
    if (!c) continue;
    const type = c.type;
    if (type === 'string_start') fPrefix = /^[a-zA-Z]*[fF]/.test(c.text);
    else if (type === 'string_content') content += c.text;
    else if (type === 'interpolation') interpolated = true;
  }
  return { content, interpolated: interpolated && fPrefix };
}

function stringContent(node: Node): string {
  return readString(node).content;
}

/** `type`: the node's type when the caller already read it (each read is a call into WASM). */
export function pyValue(node: Node, ix: Index, depth = 0, type = node.type): Value {
  const raw = node.text;
  const base = { text: collapse(raw), line: line(node) };
  switch (type) {
    case 'string': {
      const s = readString(node);
      return s.interpolated ? { kind: 'fstring', ...base, literal: s.content } : { kind: 'string', ...base, value: s.content };
    }
    case 'concatenated_string': {
      const parts = node.namedChildren.filter((c): c is Node => !!c).map(readString);
      const literal = parts.map((p) => p.content).join('');
      return parts.some((p) => p.interpolated) ? { kind: 'fstring', ...base, literal } : { kind: 'string', ...base, value: literal };
    }
    case 'integer':
    case 'float':
      return { kind: 'number', ...base, value: raw };
    case 'true':
    case 'false':
      return { kind: 'bool', ...base, value: type };
    case 'none':
      return { kind: 'none', ...base };
    case 'identifier':
      return { kind: 'name', ...base };
    case 'attribute':
    case 'subscript':
      return { kind: 'attr', ...base };
    case 'call': {
      const call = ix.calls.get(node.id);
      let callee = call === undefined ? undefined : ix.callees[call];
      if (callee === undefined) {
        const fnNode = node.childForFieldName('function');
        callee = fnNode ? calleeText(fnNode) : '';
      }
      return { kind: 'call', ...base, callee, call };
    }
    case 'list':
    case 'tuple':
    case 'set': {
      if (depth >= MAX_DEPTH) return { kind: 'list', ...base, items: [] };
      const items: Value[] = [];
      for (const c of node.namedChildren) {
        if (!c || items.length >= MAX_ITEMS) continue;
        const t = c.type;
        if (t !== 'comment') items.push(pyValue(c, ix, depth + 1, t));
      }
      return { kind: 'list', ...base, items };
    }
    case 'dictionary': {
      if (depth >= MAX_DEPTH) return { kind: 'dict', ...base, entries: [] };
      const entries: { key: string; value: Value }[] = [];
      for (const pair of node.namedChildren) {
        if (!pair || pair.type !== 'pair' || entries.length >= MAX_ITEMS) continue;
        const k = pair.childForFieldName('key');
        const v = pair.childForFieldName('value');
        if (k && v) entries.push({ key: stripQuotes(k.text), value: pyValue(v, ix, depth + 1) });
      }
      return { kind: 'dict', ...base, entries };
    }
    case 'binary_operator':
    case 'boolean_operator': {
      const op = node.childForFieldName('operator')?.text ?? '';
      const literal = collectLiterals(node);
      return { kind: 'binop', ...base, op, literal };
    }
    case 'lambda':
      return { kind: 'function', ...base, fn: ix.fns.get(node.id) };
    case 'parenthesized_expression': {
      for (const c of node.namedChildren) {
        const t = c?.type;
        if (c && t !== 'comment') return pyValue(c, ix, depth, t);
      }
      return { kind: 'other', ...base };
    }
    case 'await': {
      const inner = node.firstNamedChild;
      return inner ? pyValue(inner, ix, depth) : { kind: 'other', ...base };
    }
    default:
      return { kind: 'other', ...base };
  }
}

/**
 * The content of every string inside an operator expression, in order. Strings nested in a string
 * (inside an f-string's interpolations) belong to it and are skipped. One `descendantsOfType` call
 * instead of a WASM round trip per node of the expression.
 */
function collectLiterals(node: Node): string {
  let out = '';
  let end = -1;
  for (const s of node.descendantsOfType('string')) {
    if (s.startIndex < end) continue;
    out += stringContent(s);
    end = s.endIndex;
  }
  return out;
}

/** `client.chat.completions.create`, `requests.get`, `res.status().json`: whitespace and call args dropped. */
export function calleeText(fn: Node): string {
  return normalizeCallee(fn.text);
}
