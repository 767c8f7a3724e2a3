/**
 * Environment reads in TypeScript/JavaScript code models: `process.env.X` (with `||` / `??`
 * fallbacks), destructuring `const { A, B = 'x' } = process.env`, schemas validated over process.env
 * (zod `z.object({...}).parse(process.env)`, envalid `cleanEnv(process.env, {...})`, t3 `createEnv`)
 * and NestJS `configService.get('X')`.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { isEnvName } from './env-names.js';
import type { RawEnvRead } from './env-reads-python.js';

const isProcessEnv = (v: Value | undefined) => v?.kind === 'attr' && v.text.replace(/\s+/g, '') === 'process.env';

/** process.env.X, minus writes (`process.env.X = …`). */
function memberReads(model: CodeModel, out: RawEnvRead[]): void {
  const writes = new Set(model.assignments.filter((a) => /^process\.env(\.|\[)/.test(a.target)).map((a) => `${a.line}:${a.target}`));
  for (const r of model.envReads) {
    if (writes.has(`${r.line}:process.env.${r.name}`) || writes.has(`${r.line}:process.env['${r.name}']`) || writes.has(`${r.line}:process.env["${r.name}"]`)) continue;
    out.push({ name: r.name, line: r.line, hasDefault: r.hasDefault, via: 'process.env', ...(r.defaultValue ? { defaultText: r.defaultValue } : {}) });
  }
}

/**
 * `{ A, B = 'x', C: c, ...rest }` as written on the left of `= process.env` (the model keeps the pattern
 * text). Top-level commas only; nested patterns are not environment names.
 */
export function destructuredNames(pattern: string): { name: string; hasDefault: boolean; defaultText?: string }[] {
  const body = pattern.trim().replace(/^\{/, '').replace(/\}$/, '');
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of body) {
    if ('{[('.includes(ch)) depth++;
    else if ('}])'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const out: { name: string; hasDefault: boolean; defaultText?: string }[] = [];
  for (const p of parts.map((s) => s.trim()).filter(Boolean)) {
    if (p.startsWith('...')) continue;
    const m = /^(['"]?)([A-Za-z_$][\w$]*)\1\s*(?::\s*[\w$]+\s*)?(=)?/.exec(p);
    if (!m) continue;
    const fallback = m[3] ? /=\s*(['"`])(.*)\1\s*$/.exec(p)?.[2] : undefined;
    out.push({ name: m[2], hasDefault: !!m[3], ...(fallback ? { defaultText: fallback } : {}) });
  }
  return out;
}

/** Where a destructured name sits: the first line of the declaration that names it. */
function lineOfName(lines: readonly string[], from: number, name: string): number {
  const re = new RegExp(`(^|[^\\w$])${name}([^\\w$]|$)`);
  for (let i = from; i < Math.min(lines.length, from + 60); i++) {
    if (re.test(lines[i - 1] ?? '')) return i;
    if (i > from && /process\.env/.test(lines[i - 1] ?? '')) break;
  }
  return from;
}

/**
 * The pattern as written in the source (the model's text is whitespace-collapsed, which would glue a
 * `// comment` to the next name): from the declaration line, the first balanced `{…}`, comments dropped.
 */
function patternSource(lines: readonly string[], from: number): string | undefined {
  const text = lines
    .slice(from - 1, from + 59)
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[\s,{])\/\/[^\n]*/g, '$1');
  const open = text.indexOf('{');
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  return undefined;
}

function destructuringReads(model: CodeModel, lines: readonly string[], out: RawEnvRead[]): void {
  for (const a of model.assignments) {
    if (!isProcessEnv(a.value) || !a.target.startsWith('{')) continue;
    const pattern = patternSource(lines, a.line) ?? a.target;
    for (const d of destructuredNames(pattern)) out.push({ name: d.name, line: lineOfName(lines, a.line, d.name), hasDefault: d.hasDefault, via: 'process.env', ...(d.defaultText ? { defaultText: d.defaultText } : {}) });
  }
}

/** The object literal a schema call was given: `z.object({...})` inline or through a module binding. */
function zodShape(model: CodeModel, parse: CallSite): Value | undefined {
  const receiver = parse.callee.slice(0, parse.callee.lastIndexOf('.'));
  let objectCall: CallSite | undefined;
  if (/(^|\.)object\(\)/.test(receiver)) {
    // Inline: the receiver call starts where the parse call starts.
    objectCall = model.calls.find((c) => /(^|\.)object$/.test(c.callee) && c.line === parse.line && c.endLine <= parse.endLine && c !== parse);
  } else if (/^[\w$]+$/.test(receiver)) {
    const binding = model.assignments.find((a) => a.target === receiver && a.value.kind === 'call' && a.scope === 'module');
    const call = binding?.value.call !== undefined ? model.calls[binding.value.call] : undefined;
    if (call && /(^|\.)object$/.test(call.callee)) objectCall = call;
  }
  const shape = objectCall?.args[0];
  return shape?.kind === 'dict' ? shape : undefined;
}

function schemaReads(model: CodeModel, out: RawEnvRead[]): void {
  const usesZod = model.imports.some((i) => i.module === 'zod' || i.module.startsWith('zod/'));
  const usesEnvalid = model.imports.some((i) => i.module === 'envalid');
  const usesT3 = model.imports.some((i) => i.module.startsWith('@t3-oss/env'));
  const push = (shape: Value | undefined, via: string, defaulted: (v: Value) => boolean) => {
    for (const e of shape?.entries ?? []) {
      if (isEnvName(e.key)) out.push({ name: e.key, line: e.value.line, hasDefault: defaulted(e.value), via });
    }
  };
  for (const c of model.calls) {
    if (usesZod && (c.name === 'parse' || c.name === 'safeParse') && isProcessEnv(c.args[0])) {
      push(zodShape(model, c), 'zod', (v) => /\.(default|optional|nullish|catch)\(/.test(v.text));
    } else if (usesEnvalid && c.callee === 'cleanEnv' && isProcessEnv(c.args[0])) {
      // `devDefault` only applies outside production: the variable is still required there.
      push(c.args[1], 'envalid', (v) => /(^|[^\w])default\s*:/.test(v.text));
    } else if (usesT3 && c.callee === 'createEnv' && c.args[0]?.kind === 'dict') {
      for (const group of c.args[0].entries ?? []) {
        if (group.key === 'server' || group.key === 'client' || group.key === 'shared') push(group.value, 'zod', (v) => /\.(default|optional|nullish|catch)\(/.test(v.text));
      }
    }
  }
}

/** NestJS: `this.configService.get('X', default)` / `getOrThrow('X')` reads process.env by default. */
function nestConfigReads(model: CodeModel, out: RawEnvRead[]): void {
  if (!model.imports.some((i) => i.module === '@nestjs/config')) return;
  for (const c of model.calls) {
    if (c.name !== 'get' && c.name !== 'getOrThrow') continue;
    const receiver = c.callee.slice(0, c.callee.lastIndexOf('.')).toLowerCase();
    if (!/config(service)?$/.test(receiver)) continue;
    const first = c.args[0];
    const name = first?.kind === 'string' ? first.value : undefined;
    // Upper-case names only: `config.get('database.host')` reads a registered config namespace, not the environment.
    if (!name || !/^[A-Z][A-Z0-9_]*$/.test(name)) continue;
    out.push({ name, line: c.line, hasDefault: c.name === 'get' && c.args.length > 1, via: '@nestjs/config' });
  }
}

export function nodeEnvReads(model: CodeModel, lines: readonly string[]): RawEnvRead[] {
  const out: RawEnvRead[] = [];
  memberReads(model, out);
  destructuringReads(model, lines, out);
  schemaReads(model, out);
  nestConfigReads(model, out);
  return out;
}
