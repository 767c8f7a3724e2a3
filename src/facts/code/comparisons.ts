/**
 * Equality comparisons worth keeping in the model: those where one side names a secret-like value.
 * The name test runs on text before any other node is read, because comparisons are common and
 * almost none of them involve secrets.
 */
import type { Node } from 'web-tree-sitter';
import type { Comparison, ValueKind } from './model.js';
import { collapse, line } from './text.js';

const EQUALITY = new Set(['==', '!=', '===', '!==']);
/** A side's last name: `request.headers.get("X-Hub-Signature")` → `x_hub_signature`. */
const TAIL = /([A-Za-z_][A-Za-z0-9_-]*)["'`\])]*\s*$/;
const SECRETISH = /(^|_)(signature|sig|token|secret|api_?key|apikey|hmac|digest|csrf_?token)$/;
const CHEAP = /sig|token|secret|key|hmac|digest/i;

export function secretName(text: string): boolean {
  const tail = TAIL.exec(text)?.[1];
  return !!tail && SECRETISH.test(tail.replace(/-/g, '_').toLowerCase()) && !/_(type|name|id|url|prefix|header|length|len)$/i.test(tail);
}

function kindOf(type: string): ValueKind {
  if (type === 'string' || type === 'template_string') return 'string';
  if (type === 'none' || type === 'null' || type === 'undefined') return 'none';
  if (type === 'integer' || type === 'float' || type === 'number') return 'number';
  if (type === 'true' || type === 'false') return 'bool';
  return 'other';
}

/** Python `comparison_operator` (may chain; only two-operand ones are kept) or JS `binary_expression`. */
export function comparisonOf(n: Node, fnAt: (offset: number) => number): Comparison | null {
  const text = n.text;
  if (!CHEAP.test(text)) return null;
  let left: Node | null;
  let right: Node | null;
  let op: string;
  if (n.type === 'comparison_operator') {
    const operands = n.namedChildren.filter((c): c is Node => !!c);
    if (operands.length !== 2) return null;
    [left, right] = operands;
    op = n.childrenForFieldName('operators')[0]?.text ?? '';
  } else {
    left = n.childForFieldName('left');
    right = n.childForFieldName('right');
    op = n.childForFieldName('operator')?.text ?? '';
  }
  if (!left || !right || !EQUALITY.has(op)) return null;
  if (!secretName(left.text) && !secretName(right.text)) return null;
  return {
    op,
    left: collapse(left.text),
    right: collapse(right.text),
    leftKind: kindOf(left.type),
    rightKind: kindOf(right.type),
    line: line(n),
    fn: fnAt(n.startIndex),
  };
}
