/**
 * Strings built from values (f-strings, template literals, `+`, `%`, `.format()`), for the shell and
 * temp-file checks: which expressions were pasted in, and whether each is a constant or sanitised.
 */
import type { CodeModel, Value } from '../code/model.js';
import { callOf, interpolations, localAssignment, moduleAssignment, stripStrings } from './code-util.js';

export interface BuiltString {
  how: string; // 'f-string' | 'template literal' | 'concatenation' | 'percent' | 'format'
  literal: string;
  operands: string[];
  line: number;
}

function splitOperands(code: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of code) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (depth === 0 && (ch === '+' || ch === '%')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out
    .map((s) => s.trim().replace(/^\((.*)\)$/, '$1'))
    .flatMap((s) => (/,/.test(s) && !/[([]/.test(s) ? s.split(',') : [s]))
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '""' && s !== ',');
}

/** How `v` builds a string from other values, or null when it is not a built string. */
export function builtString(m: CodeModel, v: Value | undefined): BuiltString | null {
  if (!v) return null;
  const py = m.language === 'python';
  if (v.kind === 'fstring') return { how: py ? 'f-string' : 'template literal', literal: v.literal ?? '', operands: interpolations(v), line: v.line };
  if (v.kind === 'binop' && (v.op === '+' || (py && v.op === '%'))) {
    return { how: v.op === '+' ? 'concatenation' : 'percent', literal: v.literal ?? '', operands: splitOperands(stripStrings(v.text)), line: v.line };
  }
  const call = callOf(m, v);
  const fmt = /^[rbuRBU]?("""|'''|"|')([\s\S]*?)\1\s*\.format\(/.exec(v.text);
  if (py && call && call.name === 'format' && fmt) {
    return { how: 'format', literal: fmt[2], operands: [...call.args, ...Object.values(call.kwargs)].map((a) => a.text), line: v.line };
  }
  return null;
}

/** The built string `v` stands for, directly or through a same-function variable assigned earlier. */
export function builtOrVia(m: CodeModel, v: Value | undefined, fn: number, line: number): (BuiltString & { via?: string }) | null {
  const b = builtString(m, v);
  if (b || v?.kind !== 'name') return b;
  const local = builtString(m, localAssignment(m, fn, v.text, line));
  return local ? { ...local, via: v.text } : null;
}

/** Sanitisers and values no caller controls: constants, numbers, casts, quoting, random names. */
const SAFE_CALL = /^(int|float|len|bool|Number|parseInt|parseFloat|shlex\.quote|pipes\.quote|quote|shellescape|shellEscape|escapeShellArg|uuid\.uuid4|uuid4|str\(uuid|randomUUID|crypto\.randomUUID|uuidv4|uuid\.v4|secrets\.token_\w+|os\.getpid|process\.pid|Date\.now)/;

export function constantOperand(m: CodeModel, fn: number, line: number, expr: string, depth = 0): boolean {
  const e = expr.trim();
  if (/^[A-Z][A-Z0-9_]*$/.test(e) || /^[\w.]+\.[A-Z][A-Z0-9_]*$/.test(e)) return true;
  if (/^-?\d+(\.\d+)?$/.test(e)) return true;
  if (SAFE_CALL.test(e) || /^str\((uuid|secrets)/.test(e) || /uuid4\(\)\.hex$/.test(e)) return true;
  if (depth < 2 && /^[A-Za-z_$][\w$]*$/.test(e)) {
    const v = localAssignment(m, fn, e, line) ?? moduleAssignment(m, e);
    if (!v) return false;
    if (v.kind === 'string' || v.kind === 'number') return true;
    if (v.kind === 'call' || v.kind === 'attr') return constantOperand(m, fn, v.line, v.text, depth + 1);
  }
  return false;
}

/** The operands of `b` that are neither constants nor sanitised. */
export function variableOperands(m: CodeModel, b: BuiltString, fn: number, line: number): string[] {
  return b.operands.filter((o) => !constantOperand(m, fn, line, o));
}
