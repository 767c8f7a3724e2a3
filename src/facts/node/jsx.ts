/**
 * JSX elements of a file parsed with the tsx grammar, from the `@jsx` captures of `queries/tsx.scm`
 * (jsx_element and jsx_self_closing_element, in document order). Each element's tag, attributes and
 * direct children are read from its own nodes; no subtree is walked twice.
 */
import type { Node } from 'web-tree-sitter';
import type { JsxAttribute, JsxElement } from '../code/model.js';
import { collapse, endLine, line } from '../code/text.js';
import { jsValue, type Index } from './values.js';

/** `&nbsp;` and friends render as blank space; any other reference (`&times;`) is visible text. */
const BLANK_REFERENCE = /^&(nbsp|#160|#x[aA]0|ensp|emsp|thinsp|zwnj|zwj);$/;

function attributes(tag: Node, ix: Index): JsxAttribute[] {
  const out: JsxAttribute[] = [];
  for (const a of tag.childrenForFieldName('attribute')) {
    if (!a) continue;
    if (a.type === 'jsx_expression') {
      // `{...props}` (the only expression the grammar allows in attribute position).
      out.push({ name: '', spread: true, line: line(a) });
      continue;
    }
    if (a.type !== 'jsx_attribute') continue;
    const parts = a.namedChildren;
    const name = parts[0];
    const valueNode = parts[1];
    const attr: JsxAttribute = { name: name ? name.text : '', line: line(a) };
    if (valueNode) {
      const t = valueNode.type;
      if (t === 'jsx_expression') {
        const inner = valueNode.namedChildren.find((c) => c && c.type !== 'comment');
        if (inner) attr.value = jsValue(inner, ix);
      } else attr.value = jsValue(valueNode, ix, 0, t);
    }
    out.push(attr);
  }
  return out;
}

/** True when a `{…}` child renders something other than one element (`{label}`, `{a && 'x'}`). */
function expressionShowsText(e: Node): boolean {
  for (const c of e.namedChildren) {
    if (!c) continue;
    const t = c.type;
    if (t === 'comment') continue;
    return t !== 'jsx_element' && t !== 'jsx_self_closing_element';
  }
  return false;
}

export function buildJsx(nodes: Node[], types: string[], ix: Index, fnAt: (offset: number) => number): JsxElement[] {
  const byId = new Map<number, number>();
  nodes.forEach((n, i) => byId.set(n.id, i));
  const out: JsxElement[] = nodes.map((n, i) => {
    const selfClosing = types[i] === 'jsx_self_closing_element';
    const tag = selfClosing ? n : n.childForFieldName('open_tag');
    const name = tag?.childForFieldName('name');
    return {
      name: name ? collapse(name.text) : '',
      attributes: tag ? attributes(tag, ix) : [],
      hasText: false,
      children: [],
      parent: -1,
      line: line(n),
      endLine: endLine(n),
      fn: fnAt(n.startIndex),
    };
  });
  nodes.forEach((n, i) => {
    if (types[i] === 'jsx_self_closing_element') return;
    const el = out[i];
    for (const c of n.namedChildren) {
      if (!c) continue;
      const t = c.type;
      if (t === 'jsx_element' || t === 'jsx_self_closing_element') {
        const k = byId.get(c.id);
        if (k !== undefined) {
          el.children.push(k);
          out[k].parent = i;
        }
      } else if (t === 'jsx_text') {
        if (!el.hasText && c.text.trim() !== '') el.hasText = true;
      } else if (t === 'html_character_reference') {
        if (!BLANK_REFERENCE.test(c.text)) el.hasText = true;
      } else if (t === 'jsx_expression') {
        if (!el.hasText && expressionShowsText(c)) el.hasText = true;
      }
    }
  });
  return out;
}
