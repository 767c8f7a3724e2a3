/** Reading `Value` trees (call arguments, literals): shared by every fact family. */
import type { Value } from './model.js';

/** A Value and every Value nested in it (list items, dict entry values), depth first. */
export function walkValue(v: Value | undefined): Value[] {
  const out: Value[] = [];
  if (v) pushValues(v, out);
  return out;
}

function pushValues(v: Value, out: Value[]): void {
  out.push(v);
  if (v.items) for (const item of v.items) pushValues(item, out);
  if (v.entries) for (const e of v.entries) pushValues(e.value, out);
}

/** The value of `key` in a dict Value, if the literal has it. */
export function entry(v: Value | undefined, key: string): Value | undefined {
  return v?.entries?.find((e) => e.key === key)?.value;
}

export function isTrue(v: Value | undefined): boolean {
  return v?.kind === 'bool' && v.value === 'true';
}
