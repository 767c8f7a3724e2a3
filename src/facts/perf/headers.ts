/**
 * Where code sets a Cache-Control header, read from the code model: an assignment to
 * `response.headers["Cache-Control"]`, a call given the header name (`res.set("Cache-Control", …)`,
 * `headers.setdefault("cache-control", …)`), or a headers dict literal holding it.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { walkValue } from '../observability/scan.js';

const HEADER = /^cache-control$/i;

function dictHasHeader(v: Value | undefined): boolean {
  return walkValue(v).some((x) => (x.entries ?? []).some((e) => HEADER.test(e.key)));
}

/** True when this call sets Cache-Control (header name as an argument, or in a headers dict). */
export function callSetsCacheControl(c: CallSite): boolean {
  if (c.args.some((a) => a.kind === 'string' && HEADER.test(a.value ?? ''))) return true;
  return [...c.args, ...Object.values(c.kwargs)].some(dictHasHeader);
}

/** The first line in [from, to] where the code sets Cache-Control, or undefined. */
export function cacheControlIn(model: CodeModel, from: number, to: number): number | undefined {
  const lines: number[] = [];
  for (const a of model.assignments) {
    if (a.line < from || a.line > to) continue;
    if (/cache-control/i.test(a.target) || dictHasHeader(a.value)) lines.push(a.line);
  }
  for (const c of model.calls) if (c.line >= from && c.line <= to && callSetsCacheControl(c)) lines.push(c.line);
  return lines.length ? Math.min(...lines) : undefined;
}
