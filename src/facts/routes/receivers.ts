/**
 * Where the object a method is called on comes from: `client` in `client.chat.completions.create`,
 * `self.redis` in `self.redis.ping()`, `this.notesService` in a Nest controller. The answer is the
 * value it was assigned (`AsyncOpenAI(...)`, `new Redis(url)`), a type annotation (`NotesService`), or
 * the package it was imported from. Lookups follow local scopes, class fields, constructor
 * parameters, module values, imports and one factory function (`get_client()` returning `OpenAI()`).
 */
import { assignmentsTo } from '../code/lookup.js';
import type { Value } from '../code/model.js';
import type { Program } from './program.js';

export interface Origin {
  file: string;
  value?: Value;
  annotation?: string;
  /** The receiver is an imported package module or name (`import openai`, `from redis import asyncio`). */
  external?: { module: string; name: string };
}

const MAX = 5;

function classOf(prog: Program, file: string, fnIdx: number): string | undefined {
  const fns = prog.model(file)?.functions ?? [];
  for (let f = fnIdx; f >= 0; f = fns[f].parent) if (fns[f].className) return fns[f].className;
  return undefined;
}

const origins = new WeakMap<Program, Map<string, Origin | null>>();

/** Where a receiver comes from; top-level questions are answered once per run (route, list and LLM tracing repeat them). */
export function originOf(prog: Program, file: string, fnIdx: number, receiver: string, depth = 0): Origin | null {
  if (depth > 0) return originUncached(prog, file, fnIdx, receiver, depth);
  let cache = origins.get(prog);
  if (!cache) origins.set(prog, (cache = new Map()));
  const key = `${fnIdx}\0${receiver}\0${file}`;
  let out = cache.get(key);
  if (out === undefined) {
    out = originUncached(prog, file, fnIdx, receiver, 0);
    cache.set(key, out);
  }
  return out;
}

function originUncached(prog: Program, file: string, fnIdx: number, receiver: string, depth: number): Origin | null {
  const model = prog.model(file);
  if (!model || depth > MAX) return null;
  const recv = receiver.replace(/^await\s+/, '').replace(/^\((.*)\)$/, '$1');
  const member = /^(self|this)\.([\w$]+)$/.exec(recv);
  if (member) {
    const cls = classOf(prog, file, fnIdx);
    const assigned = assignmentsTo(model, recv).filter((a) => !cls || classOf(prog, file, a.fn) === cls).pop();
    if (assigned) return follow(prog, file, assigned.fn, assigned.value, depth);
    const field = model.assignments.find((a) => a.scope === 'class' && a.className === cls && a.target === member[2]);
    if (field) return field.value.kind === 'none' && field.annotation ? { file, annotation: field.annotation } : follow(prog, file, -1, field.value, depth, field.annotation);
    const ctor = model.functions.find((f) => f.className === cls && (f.name === 'constructor' || f.name === '__init__'));
    const p = ctor?.params.find((x) => x.name === member[2]);
    if (p?.annotation) return { file, annotation: p.annotation };
    return null;
  }
  if (!/^[\w$]+(\.[\w$]+)?$/.test(recv)) return null;
  const [root, rest] = recv.split('.');
  if (!rest) {
    for (let f = fnIdx; f >= 0; f = model.functions[f].parent) {
      const fn = model.functions[f];
      const local = assignmentsTo(model, root).filter((a) => a.fn === f).pop();
      if (local) return follow(prog, file, f, local.value, depth, local.annotation);
      const p = fn.params.find((x) => x.name === root);
      if (p) return p.annotation ? { file, annotation: p.annotation, value: p.default } : p.default ? follow(prog, file, f, p.default, depth) : null;
    }
  }
  const sym = prog.resolveName(file, root);
  if (!sym) return null;
  if (sym.kind === 'external') return { file, external: { module: sym.module, name: rest ? (sym.name === '*' ? rest : `${sym.name}.${rest}`) : sym.name } };
  if (sym.kind === 'module') return rest ? originOf(prog, sym.file, -1, rest, depth + 1) : null;
  if (rest) return null;
  if (sym.kind === 'value') return follow(prog, sym.file, -1, sym.assignment.value, depth, sym.assignment.annotation);
  return null;
}

/** A value's own origin: a name is looked up again; a call to a local factory function is opened. */
function follow(prog: Program, file: string, fnIdx: number, value: Value, depth: number, annotation?: string): Origin {
  if (value.kind === 'name' || (value.kind === 'attr' && /^[\w$]+\.[\w$]+$/.test(value.text))) {
    return originOf(prog, file, fnIdx, value.text, depth + 1) ?? { file, value, annotation };
  }
  if (value.kind === 'call' && value.callee && /^[\w$]+$/.test(value.callee)) {
    const sym = prog.resolveName(file, value.callee);
    if (sym?.kind === 'function') {
      const m = prog.model(sym.file);
      const ret = m?.returns.find((r) => r.fn === sym.fn && r.value && r.value.kind === 'call');
      if (ret?.value) return follow(prog, sym.file, sym.fn, ret.value, depth + 1);
    }
  }
  return { file, value, annotation };
}

export interface PackageRef {
  /** The imported package as written: `openai`, `google`, `@anthropic-ai/sdk`. */
  module: string;
  /** The full dotted path from the package: `openai.AsyncOpenAI`, `google.genai.Client`, `ioredis.default`. */
  path: string;
}

/** The package a constructor or annotation name comes from (`AsyncOpenAI` → `openai.AsyncOpenAI`). */
export function packageOf(prog: Program, file: string, name: string): PackageRef | null {
  // Asked for the receiver of nearly every call, by several extractors: answered once per file and name.
  // Keyed by the file, then the name as given: both strings come from the models, so no key is built.
  let byFile = packageCache.get(prog);
  if (!byFile) packageCache.set(prog, (byFile = new Map()));
  let byName = byFile.get(file);
  if (!byName) byFile.set(file, (byName = new Map()));
  let out = byName.get(name);
  if (out === undefined) {
    byName.set(name, null); // a class hierarchy that loops back answers null
    byName.set(name, (out = packageOfUncached(prog, file, name)));
  }
  return out;
}

const packageCache = new WeakMap<Program, Map<string, Map<string, PackageRef | null>>>();

function packageOfUncached(prog: Program, file: string, name: string): PackageRef | null {
  const clean = name.replace(/^new\s+/, '').replace(/[<[(].*$/s, '').trim();
  const parts = clean.split('.');
  const sym = prog.resolveName(file, parts[0]);
  // A repository class extending a package's class is that client: `class PrismaService extends PrismaClient`.
  if (sym?.kind === 'class' && parts.length === 1) {
    for (const base of prog.model(sym.file)?.classes[sym.cls]?.bases ?? []) {
      const p = packageOf(prog, sym.file, base);
      if (p) return p;
    }
    return null;
  }
  if (sym?.kind !== 'external') return null;
  const base = sym.name === '*' ? sym.module : `${sym.module}.${sym.name}`;
  return { module: sym.module, path: [base, ...parts.slice(1)].join('.') };
}

/** The package an origin was built from: the constructor's package, the annotation's, or the import's. */
export function originPackage(prog: Program, o: Origin | null): PackageRef | null {
  if (!o) return null;
  if (o.external) return { module: o.external.module, path: o.external.name === '*' ? o.external.module : `${o.external.module}.${o.external.name}` };
  // The declared type first: a parameter's default may be an injector (`Depends(get_session)`).
  if (o.annotation) {
    const p = packageOf(prog, o.file, o.annotation.replace(/^(Optional|Annotated)\[|\s*\|\s*None$/g, ''));
    if (p) return p;
  }
  if (o.value?.kind === 'call' && o.value.callee) return packageOf(prog, o.file, o.value.callee);
  return null;
}
