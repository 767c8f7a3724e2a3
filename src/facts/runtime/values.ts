/** Small readers over code-model Values shared by the runtime extractors. */
import type { CodeModel, Value } from '../code/model.js';

export function entry(v: Value | undefined, key: string): Value | undefined {
  return v?.kind === 'dict' ? v.entries?.find((e) => e.key === key)?.value : undefined;
}

/** A dict literal that may hold more keys than it shows (`{ ...base }`, `**opts`). */
export function hasSpread(v: Value | undefined): boolean {
  return !!v && v.kind === 'dict' && /(\.\.\.|\*\*)/.test(v.text);
}

export function strValue(v: Value | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

export function isSqliteUrl(s: string | undefined): boolean {
  return !!s && /^sqlite(\+[\w]+)?:/i.test(s.trim());
}

/** The value a module-level name was last assigned in this file, when it is a simple name. */
export function moduleValue(model: CodeModel, name: string): Value | undefined {
  let found: Value | undefined;
  for (const a of model.assignments) if (a.scope === 'module' && a.target === name) found = a.value;
  return found;
}

/** The call a `call` Value stands for. */
export function callOf(model: CodeModel, v: Value | undefined) {
  return v?.kind === 'call' && v.call !== undefined ? model.calls[v.call] : undefined;
}

/** Env-reading calls whose second argument / `default=` is the fallback value. */
const ENV_GETTERS = /^(os\.getenv|getenv|os\.environ\.get|environ\.get|config|env|env\.str|env\.url|decouple\.config)$/;

/**
 * When `v` reads an environment variable with a fallback (`os.getenv("X", d)`, `config("X", default=d)`,
 * `os.getenv("X") or d`, `process.env.X || d`), the variable and the fallback value.
 */
export function envFallback(model: CodeModel, v: Value | undefined): { name: string; fallback: Value | undefined } | undefined {
  if (!v) return undefined;
  const call = callOf(model, v);
  if (call && ENV_GETTERS.test(call.callee) && call.args[0]?.kind === 'string') {
    return { name: call.args[0].value ?? '', fallback: call.args[1] ?? call.kwargs.default };
  }
  if (v.kind === 'binop' && (v.op === 'or' || v.op === '||' || v.op === '??')) {
    // The literal parts of `os.getenv("X") or "d"` concatenate the key and the fallback: keep the URL.
    const lit = v.literal ?? '';
    const at = lit.search(/sqlite(\+\w+)?:/i);
    const fallback: Value = { kind: 'string', text: v.text, line: v.line, value: at >= 0 ? lit.slice(at) : lit };
    const py = model.calls.find((c) => c.line === v.line && ENV_GETTERS.test(c.callee) && c.args[0]?.kind === 'string');
    if (py) return { name: py.args[0].value ?? '', fallback };
    const js = model.envReads.find((r) => r.line === v.line);
    if (js) return { name: js.name, fallback };
  }
  return undefined;
}
