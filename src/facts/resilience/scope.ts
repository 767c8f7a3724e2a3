/**
 * Shared lookups for the resilience extractors: the chain of functions enclosing a call, the call
 * site behind a fact's evidence, the package a name comes from, and the callers of a function (one
 * level up). The code model has no `with`/`try` block ranges, so coverage (a retry, a breaker, a
 * timeout) is credited at function granularity: the enclosing function, or one of its callers.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { fnChain } from '../code/lookup.js';
import type { RepoContext } from '../repo.js';

export { fnChain };
import type { Program } from '../routes/program.js';
import { resolveCall } from '../routes/reach.js';
import { packageOf } from '../routes/receivers.js';


/** The named function a call belongs to (closures and lambdas resolve to the named function around them). */
export function namedFn(model: CodeModel, fn: number): number {
  for (let f = fn; f >= 0; f = model.functions[f].parent) if (model.functions[f].name) return f;
  return -1;
}

/** The call sites on `line` matching `pred` (facts carry a line, not a call index). */
export function callAt(model: CodeModel, line: number, pred: (c: CallSite, idx: number) => boolean = () => true): { call: CallSite; idx: number } | null {
  for (let i = 0; i < model.calls.length; i++) {
    const c = model.calls[i];
    if (c.line === line && pred(c, i)) return { call: c, idx: i };
  }
  return null;
}

/** The external package a dotted name (`tenacity.retry`, `pRetry`) comes from in `file`, or ''. */
export function packageName(prog: Program, file: string, name: string): string {
  if (!name || !/^[\w$.]+$/.test(name)) return '';
  return packageOf(prog, file, name)?.module ?? '';
}

/** `@click.command()`, `@cli.command()`, `@app.command()` (Typer), `@manager.group()`: a command-line command. */
const CLI_DECORATOR = /(^|\.)(command|group)$/;

/**
 * The call runs inside a command-line command (or a closure of one): a one-shot run an operator
 * starts and watches, not a path a service serves requests on, where retries and breakers matter.
 */
export function inCliCommand(model: CodeModel, fn: number): boolean {
  return fnChain(model, fn).some((f) => model.functions[f].decorators.some((d) => CLI_DECORATOR.test(decoratorName(d))));
}

/** The callee text of a decorator without its arguments (`retry(stop=…)` → `retry`). */
export function decoratorName(v: Value): string {
  if (v.kind === 'call') return v.callee ?? '';
  return v.text.replace(/\(.*$/s, '');
}

/** Every call (in `models`) that runs the named function `fn` of `file`: one level of callers. */
export function callersOf(prog: Program, models: readonly CodeModel[], file: string, fn: number): { model: CodeModel; call: CallSite }[] {
  const def = prog.model(file)?.functions[fn];
  if (!def?.name) return [];
  const out: { model: CodeModel; call: CallSite }[] = [];
  for (const site of callsNamed(models, def.name)) {
    const t = resolveCall(prog, site.model, site.call);
    if (t && t.file === file && t.fn === fn) out.push(site);
  }
  return out;
}

const repoCalls = new WeakMap<readonly CodeModel[], Map<string, { model: CodeModel; call: CallSite }[]>>();

/** Every call named `name` in `models`, from an index built once per model list. */
function callsNamed(models: readonly CodeModel[], name: string): { model: CodeModel; call: CallSite }[] {
  let index = repoCalls.get(models);
  if (!index) {
    index = new Map();
    for (const model of models) {
      for (const [n, calls] of byName(model)) {
        const list = index.get(n) ?? [];
        for (const call of calls) list.push({ model, call });
        index.set(n, list);
      }
    }
    repoCalls.set(models, index);
  }
  return index.get(name) ?? [];
}

const names = new WeakMap<CodeModel, Map<string, CallSite[]>>();

function byName(m: CodeModel): Map<string, CallSite[]> {
  let out = names.get(m);
  if (!out) {
    out = new Map();
    for (const c of m.calls) {
      const list = out.get(c.name);
      if (list) list.push(c);
      else out.set(c.name, [c]);
    }
    names.set(m, out);
  }
  return out;
}

/**
 * The file imports one of `packages` (`pybreaker`, `purgatory.domain`, `@scope/pkg/sub`): a cheap test
 * on the import list before resolving every call of the file to its package.
 */
export function importsAnyOf(model: CodeModel, packages: ReadonlySet<string>): boolean {
  return model.imports.some((i) => {
    const m = i.module;
    return packages.has(m) || packages.has(m.split('.')[0]) || packages.has(m.split('/')[0]) || packages.has(m.split('/').slice(0, 2).join('/'));
  });
}

/** App-role models (request path and workers), the code these checks judge. */
export function appModels(repo: RepoContext): CodeModel[] {
  return [...repo.models.values()].filter((m) => repo.file(m.file)?.role === 'app');
}

/** The modules a file imports. */
export function importedModules(model: CodeModel): string[] {
  return model.imports.map((i) => i.module);
}

/** An options argument (a dict/object literal, JS) that has one of `keys`; 'opaque' when a spread or variable may carry it. */
export function optionKey(c: CallSite, keys: RegExp): { key: string; value: Value } | 'opaque' | null {
  for (const [k, v] of Object.entries(c.kwargs)) if (k !== '**' && keys.test(k)) return { key: k, value: v };
  if (c.kwargs['**']) return 'opaque';
  for (const a of c.args) {
    if (a.kind !== 'dict') continue;
    const e = a.entries?.find((x) => keys.test(x.key));
    if (e) return { key: e.key, value: e.value };
    if (a.text.includes('...')) return 'opaque';
  }
  return null;
}
