/**
 * Marks the except / catch blocks that raise the caught error again (`raise`, `raise e`,
 * `throw err`) in their own function: the error goes on up with its traceback, so logging only its
 * message there loses nothing. Raising a new error (`raise HTTPException(500)`) does not count.
 */
import type { Node } from 'web-tree-sitter';
import { SpanIndex, type CodeModel } from './model.js';

export function markReraises(model: CodeModel, raises: Node[], fnAt: (offset: number) => number): void {
  if (raises.length === 0 || model.handlers.length === 0) return;
  const index = new SpanIndex(model.handlers);
  for (const r of raises) {
    const h = index.at(r.startIndex);
    if (h < 0) continue;
    const handler = model.handlers[h];
    if (handler.fn !== fnAt(r.startIndex)) continue;
    const raised = r.namedChildren.find((c) => c && c.type !== 'comment');
    // Python `raise` alone re-raises; `raise e` / `throw e` names the caught error.
    if (!raised || (handler.alias !== '' && raised.type === 'identifier' && raised.text === handler.alias)) handler.reraises = true;
  }
}
