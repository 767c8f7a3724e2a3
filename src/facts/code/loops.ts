/**
 * Loops in the code model: `for`/`while` statements, comprehensions and (JS) iteration callbacks.
 * Checks such as n-plus-one ask "does this call run once per item?", so every call is tagged with
 * the innermost loop whose body runs it in the same function. The iterated expression of a loop is
 * evaluated once, so calls inside it (`for u in db.query(User).all():`) are not "in" that loop.
 */
import type { Node } from 'web-tree-sitter';
import { SpanIndex, type CodeModel, type Loop, type Value } from './model.js';
import { collapse, endLine, line } from './text.js';

/** A loop as found by a builder, with the byte range of its iterated expression (evaluated once). */
export interface LoopSpan extends Loop {
  iterStart: number;
  iterEnd: number;
}

/** A loop statement or comprehension node as a LoopSpan; `valueOf` summarises the iterated expression. */
export function loopSpan(
  n: Node,
  kind: Loop['kind'],
  target: Node | null | undefined,
  iter: Node | null | undefined,
  valueOf: (node: Node) => Value,
  fnAt: (offset: number) => number,
): LoopSpan {
  return {
    kind,
    target: target ? collapse(target.text) : '',
    ...(iter ? { iter: valueOf(iter) } : {}),
    line: line(n),
    endLine: endLine(n),
    fn: fnAt(n.startIndex),
    start: n.startIndex,
    end: n.endIndex,
    iterStart: iter?.startIndex ?? -1,
    iterEnd: iter?.endIndex ?? -1,
  };
}

/** Stores the loops in document order and sets `CallSite.loop` on the calls their bodies run. */
export function attachLoops(model: CodeModel, found: LoopSpan[], callStarts: number[]): void {
  if (found.length === 0) return;
  // Outer loops first when two start together, so nesting can be read as a stack (SpanIndex).
  const spans = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const index = new SpanIndex(spans);
  model.calls.forEach((call, i) => {
    const at = callStarts[i];
    for (let l = index.at(at); l >= 0; l = index.parents[l]) {
      const loop = spans[l];
      if (loop.fn !== call.fn) continue;
      if (at >= loop.iterStart && at < loop.iterEnd) continue;
      call.loop = l;
      return;
    }
  });
  model.loops = spans.map(({ iterStart: _s, iterEnd: _e, ...loop }) => loop);
}
