/** The SQL a call is given: a literal, the literal parts of an f-string / concatenation, or `text("…")`. */
import type { CodeModel, Value } from '../code/model.js';

export function sqlOf(m: CodeModel, v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'fstring' || v.kind === 'binop') return v.literal ?? v.text;
  if (v.kind === 'call' && v.call !== undefined && /(^|\.)text$/.test(v.callee ?? '')) return sqlOf(m, m.calls[v.call].args[0]);
  return undefined;
}
