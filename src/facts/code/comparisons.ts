/**
 * Comparisons worth keeping in the model: equalities where one side names a secret-like value
 * (timing-unsafe-compare), and orderings where one side is a size (`upload.size`, `len(data)`,
 * `content_length`, a `MAX_…_SIZE` / `max_…_bytes` bound: upload size checks). Cheap text tests run
 * before any other node is read, because comparisons are common and few are either.
 */
import type { Node } from 'web-tree-sitter';
import type { Comparison, ValueKind } from './model.js';
import { collapse, line } from './text.js';

const EQUALITY = new Set(['==', '!=', '===', '!==']);
/** A side's last name: `request.headers.get("X-Hub-Signature")` → `x_hub_signature`. */
const TAIL = /([A-Za-z_][A-Za-z0-9_-]*)["'`\])]*\s*$/;
const SECRETISH = /(^|_)(signature|sig|token|secret|api_?key|apikey|hmac|digest|csrf_?token)$/;
const CHEAP = /sig|token|secret|key|hmac|digest/i;
const ORDERING = new Set(['<', '<=', '>', '>=']);
/** A side that measures a size: `x.size`, `len(x)`, `x.length`, a Content-Length, a MAX_…SIZE / …_bytes bound. */
const SIZE_SIDE = /\.size\b|\blen\(|\.length\b|content[-_]?length|\b\w*(max|limit)\w*(size|bytes)\w*\b|\b\w*(size|bytes)\w*(max|limit)\w*\b/i;

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
  const maybeSecret = CHEAP.test(text);
  const maybeSize = SIZE_SIDE.test(text);
  if (!maybeSecret && !maybeSize) return null;
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
  if (!left || !right) return null;
  let topic: Comparison['topic'];
  if (maybeSecret && EQUALITY.has(op) && (secretName(left.text) || secretName(right.text))) topic = 'secret';
  else if (maybeSize && ORDERING.has(op) && (SIZE_SIDE.test(left.text) || SIZE_SIDE.test(right.text))) topic = 'size';
  else return null;
  return {
    topic,
    op,
    left: collapse(left.text),
    right: collapse(right.text),
    leftKind: kindOf(left.type),
    rightKind: kindOf(right.type),
    line: line(n),
    fn: fnAt(n.startIndex),
  };
}
