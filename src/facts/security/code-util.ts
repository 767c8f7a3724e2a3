/**
 * Small helpers the security extractors share: which framework a file belongs to, walking Values,
 * resolving a bare name to a same-file literal, and reading the interpolated parts of an f-string or
 * template literal. They work on the code model only (no tree access).
 */
import type { Assignment, CallSite, CodeModel, FunctionDef, Value } from '../code/model.js';
import type { Framework } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { entry, isTrue, walkValue } from '../code/value-walk.js';

// Re-exported: the extractors of this family import them from here.
export { entry, isTrue, walkValue };

/** Parsed code models of files that ship with a service (application code and its config modules). */
export function appModels(repo: RepoContext, roles: readonly string[] = ['app']): CodeModel[] {
  const out: CodeModel[] = [];
  for (const m of repo.models.values()) {
    const f = repo.file(m.file);
    if (f && roles.includes(f.role)) out.push(m);
  }
  return out;
}

export function isPython(m: CodeModel): boolean {
  return m.language === 'python';
}

export function importsModule(m: CodeModel, test: (mod: string) => boolean): boolean {
  return m.imports.some((i) => test(i.module));
}

/** The web framework a file is written for, from its imports (null when none is imported). */
export function frameworkOf(m: CodeModel): Framework | null {
  const has = (re: RegExp) => m.imports.some((i) => re.test(i.module));
  if (isPython(m)) {
    if (has(/^fastapi(\.|$)/)) return 'fastapi';
    if (has(/^(flask|flask_\w+)(\.|$)/)) return 'flask';
    if (has(/^(django|corsheaders|rest_framework)(\.|$)/)) return 'django';
    if (has(/^starlette(\.|$)/)) return 'starlette';
    return null;
  }
  if (has(/^@nestjs\//)) return 'nestjs';
  if (has(/^(fastify$|@fastify\/|fastify-)/)) return 'fastify';
  if (has(/^next(\/|$)/)) return 'nextjs';
  if (has(/^hono(\/|$)/)) return 'hono';
  if (has(/^(koa$|@koa\/|koa-)/)) return 'koa';
  if (has(/^express$/)) return 'express';
  return null;
}

/** The call a Value of kind 'call' stands for. */
export function callOf(m: CodeModel, v: Value | undefined): CallSite | undefined {
  return v?.kind === 'call' && v.call !== undefined ? m.calls[v.call] : undefined;
}

/** The module-level assignment of `name` in this file (the last one wins, as at import time). */
export function moduleAssignment(m: CodeModel, name: string): Value | undefined {
  let found: Value | undefined;
  for (const a of m.assignments) if (a.scope === 'module' && a.target === name) found = a.value;
  return found;
}

/** The last assignment of `name` in function `fn` before `line` (same function only). */
export function localAssignment(m: CodeModel, fn: number, name: string, line: number): Value | undefined {
  let found: Value | undefined;
  for (const a of m.assignments) {
    if (a.fn === fn && a.target === name && a.line <= line && (!found || a.line >= found.line)) found = a.value;
  }
  return found;
}

/**
 * Resolves a bare name to a literal (list, string, dict, bool) assigned in the same file: earlier in
 * the same function when `at` is given, else at module level.
 */
export function resolveLiteral(m: CodeModel, v: Value | undefined, at?: { fn: number; line: number }): Value | undefined {
  if (v?.kind !== 'name') return v;
  const a = (at && at.fn >= 0 ? localAssignment(m, at.fn, v.text, at.line) : undefined) ?? moduleAssignment(m, v.text);
  return a && (a.kind === 'list' || a.kind === 'string' || a.kind === 'dict' || a.kind === 'bool') ? a : v;
}

/** String contents of a list of string literals, or null when any item is not a literal. */
export function stringItems(v: Value | undefined): string[] | null {
  if (!v) return null;
  if (v.kind === 'string') return [v.value ?? ''];
  if (v.kind !== 'list') return null;
  const out: string[] = [];
  for (const i of v.items ?? []) {
    if (i.kind !== 'string') return null;
    out.push(i.value ?? '');
  }
  return out;
}

/**
 * The expressions interpolated into a Python f-string (`{x}`, `{x!r}`, `{x:>10}`) or a JS template
 * literal (`${x}`), read from the literal's own source text. Lexical only: braces inside the
 * interpolated expression are balanced, `{{` escapes are skipped.
 */
export function interpolations(v: Value): string[] {
  if (v.kind !== 'fstring') return [];
  const text = v.text;
  const js = text.startsWith('`');
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (js && c === '\\') {
      i++;
      continue;
    }
    const opens = js ? c === '$' && text[i + 1] === '{' : c === '{';
    if (!opens) continue;
    if (!js && text[i + 1] === '{') {
      i++;
      continue;
    }
    let j = js ? i + 2 : i + 1;
    const start = j;
    let depth = 1;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}') depth--;
    }
    let expr = text.slice(start, j - 1);
    // Python format spec and conversion: `{x!r}`, `{x:>10}` (a top-level `:` outside brackets).
    if (!js) expr = expr.replace(/![rsa]$/, '').replace(/^([^:[(]*?):[^=]*$/, '$1');
    out.push(expr.trim());
    i = j - 1;
  }
  return out;
}

/** Removes string literals from an expression's source, keeping the code around them. */
export function stripStrings(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      // Skip a Python string prefix already copied (f, r, b): harmless, it stays as an identifier char.
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) if (text[j] === '\\') j++;
      out += ' "" ';
      i = j;
    } else out += c;
  }
  return out;
}

/** True when `name` is used as a whole identifier (not as `x.name`) in an expression's code. */
export function mentions(code: string, name: string): boolean {
  if (!name) return false;
  const esc = name.replace(/[$]/g, '\\$');
  return new RegExp(`(?<![\\w.$])${esc}(?![\\w$])`).test(code);
}

/** The enclosing-function chain of a call, innermost first. */
export function enclosingFunctions(m: CodeModel, fn: number): FunctionDef[] {
  const out: FunctionDef[] = [];
  for (let i = fn; i >= 0 && out.length < 20; i = m.functions[i].parent) out.push(m.functions[i]);
  return out;
}

/** A Python settings/config module: `settings.py`, `settings/prod.py`, `config.py`, a file holding INSTALLED_APPS. */
export function isSettingsModule(m: CodeModel): boolean {
  if (/(^|\/)(settings|config|conf)(\/[^/]+)?\.py$/.test(m.file) || /(^|\/)(settings|config)[_\w]*\.py$/.test(m.file)) return true;
  return m.assignments.some((a) => a.scope === 'module' && (a.target === 'INSTALLED_APPS' || a.target === 'ROOT_URLCONF'));
}

/** Settings modules only loaded for local development or tests: `settings/dev.py`, `local.py`, `test_settings.py`. */
export function isDevSettingsFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '').toLowerCase();
  return /(^|[_.-])(dev|devel|develop|development|local|test|tests|testing|ci)([_.-]|$)/.test(name) || /^test/.test(name);
}

/** A class name that says it is only for development or tests: DevelopmentConfig, TestingConfig, LocalSettings. */
export function isDevClassName(name: string): boolean {
  return /^(dev|devel|develop|development|local|test|testing|debug)/i.test(name) || /(Dev|Development|Local|Test|Testing)(Config|Settings)$/.test(name);
}

/**
 * Split settings (`settings/base.py` + `settings/production.py`, or `config/settings/cors.py` pulled
 * into `config/django/production.py`): the module-level assignment of `name` in a production module
 * beside `file`, or under the same top-level folder.
 */
export function productionAssignment(models: Iterable<CodeModel>, file: string, name: string): { model: CodeModel; assignment: Assignment } | undefined {
  const top = file.includes('/') ? file.slice(0, file.indexOf('/') + 1) : '';
  for (const m of models) {
    if (m.file === file) continue;
    const dir = m.file.slice(0, m.file.lastIndexOf('/') + 1);
    if (top ? !m.file.startsWith(top) : dir !== '') continue;
    const base = m.file.slice(dir.length).replace(/\.py$/, '').toLowerCase();
    if (!/(^|[_.-])(prod|production|staging|live|deploy|deployed)([_.-]|$)/.test(base)) continue;
    const a = m.assignments.filter((x) => x.scope === 'module' && x.target === name).pop();
    if (a) return { model: m, assignment: a };
  }
  return undefined;
}

/** A production module (see productionAssignment) sets `name` to something other than literal True. */
export function productionOverrides(models: Iterable<CodeModel>, file: string, name: string): boolean {
  const found = productionAssignment(models, file, name);
  return !!found && !isTrue(found.assignment.value);
}
