/**
 * TypeScript / JavaScript expressions as code-model Values (code/model.ts), read from the syntax
 * tree by the model builder (model.ts). Every read of a node's type, text or children is a call
 * into WASM, so each is made once and passed along.
 */
import type { Node } from 'web-tree-sitter';
import type { Value } from '../code/model.js';
import { collapse, line, normalizeCallee, stripQuotes } from '../code/text.js';

const MAX_ITEMS = 25;
const MAX_DEPTH = 4;

/** Calls and functions of the file by node id, and each call's callee (read once, for its call site and values). */
export type Index = { calls: Map<number, number>; callees: string[]; fns: Map<number, number> };

function templateLiteral(node: Node): string {
  return node.namedChildren
    .filter((c): c is Node => !!c && c.type === 'string_fragment')
    .map((c) => c.text)
    .join('');
}

/** `type`: the node's type when the caller already read it (each read is a call into WASM). */
export function jsValue(node: Node, ix: Index, depth = 0, type = node.type): Value {
  const raw = node.text;
  const base = { text: collapse(raw), line: line(node) };
  switch (type) {
    case 'string':
      return { kind: 'string', ...base, value: stripQuotes(raw) };
    case 'template_string':
      return node.namedChildren.some((c) => c?.type === 'template_substitution')
        ? { kind: 'fstring', ...base, literal: templateLiteral(node) }
        : { kind: 'string', ...base, value: templateLiteral(node) };
    case 'number':
      return { kind: 'number', ...base, value: raw };
    case 'true':
    case 'false':
      return { kind: 'bool', ...base, value: type };
    case 'null':
    case 'undefined':
      return { kind: 'none', ...base };
    case 'identifier':
    case 'shorthand_property_identifier':
      return { kind: 'name', ...base };
    case 'member_expression':
    case 'subscript_expression':
      return { kind: 'attr', ...base };
    case 'call_expression':
    case 'new_expression': {
      const call = ix.calls.get(node.id);
      let callee = call === undefined ? undefined : ix.callees[call];
      if (callee === undefined) {
        const fnNode = node.childForFieldName(type === 'new_expression' ? 'constructor' : 'function');
        callee = fnNode ? calleeText(fnNode) : '';
      }
      return { kind: 'call', ...base, callee, call };
    }
    case 'array': {
      if (depth >= MAX_DEPTH) return { kind: 'list', ...base, items: [] };
      const items: Value[] = [];
      for (const c of node.namedChildren) {
        if (!c || items.length >= MAX_ITEMS) continue;
        const t = c.type;
        if (t !== 'comment') items.push(jsValue(c, ix, depth + 1, t));
      }
      return { kind: 'list', ...base, items };
    }
    case 'object': {
      if (depth >= MAX_DEPTH) return { kind: 'dict', ...base, entries: [] };
      const entries: { key: string; value: Value }[] = [];
      for (const p of node.namedChildren) {
        if (!p || entries.length >= MAX_ITEMS) continue;
        const t = p.type;
        if (t === 'pair') {
          const k = p.childForFieldName('key');
          const v = p.childForFieldName('value');
          if (k && v) entries.push({ key: stripQuotes(k.text), value: jsValue(v, ix, depth + 1) });
        } else if (t === 'shorthand_property_identifier') {
          entries.push({ key: p.text, value: { kind: 'name', text: p.text, line: line(p) } });
        } else if (t === 'method_definition') {
          const k = p.childForFieldName('name');
          if (k) entries.push({ key: k.text, value: { kind: 'function', text: collapse(p.text), line: line(p), fn: ix.fns.get(p.id) } });
        }
      }
      return { kind: 'dict', ...base, entries };
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text ?? '';
      return { kind: 'binop', ...base, op, literal: collectLiterals(node) };
    }
    case 'arrow_function':
    case 'function_expression':
    case 'function':
      return { kind: 'function', ...base, fn: ix.fns.get(node.id) };
    case 'parenthesized_expression':
    case 'await_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression': {
      for (const c of node.namedChildren) {
        const t = c?.type;
        if (c && t !== 'comment') return jsValue(c, ix, depth, t);
      }
      return { kind: 'other', ...base };
    }
    default:
      return { kind: 'other', ...base };
  }
}

/**
 * The literal content of every string and template inside an operator expression, in order; strings
 * inside a template's substitutions belong to it and are skipped. One `descendantsOfType` call instead
 * of a WASM round trip per node. The `string` keyword of type annotations (`x as string`) shares the
 * name with string literals: only named nodes count.
 */
function collectLiterals(node: Node): string {
  let out = '';
  let end = -1;
  for (const s of node.descendantsOfType(['string', 'template_string'])) {
    if (s.startIndex < end) continue;
    const type = s.type;
    if (type === 'string' && !s.isNamed) continue;
    out += type === 'string' ? stripQuotes(s.text) : templateLiteral(s);
    end = s.endIndex;
  }
  return out;
}

/** `res.status().json`, `prisma.user.findMany`, `axios.get`: whitespace and call args dropped. */
export function calleeText(fn: Node): string {
  return normalizeCallee(fn.text);
}
