/**
 * Browser code that the server-side file filter of http.ts lets through in full-stack apps (Next.js,
 * a `lib/` shared by pages and routes): such requests are bounded by the user, SWR or React Query,
 * not by a server worker's timeout, retries or breakers, so facts.httpCalls leaves them out.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import { fnChain } from '../code/lookup.js';
import type { Program } from '../routes/program.js';

const JSX = /\.(tsx|jsx)$/;

/** The outermost named function around `fn`. */
function topName(m: CodeModel, fn: number): string {
  let name = '';
  for (const f of fnChain(m, fn)) if (m.functions[f].name) name = m.functions[f].name;
  return name;
}
/** Files that run in the browser: components, hooks, and scripts that touch window/document. */
const BROWSER_PATH = /(^|\/)(components|hooks)\/|(^|\/)use[A-Z]\w*\.(ts|js)$/;
const BROWSER_GLOBAL = /^(window|document|navigator|localStorage|sessionStorage)\./;

export interface BrowserContext {
  prog: Program;
  models: readonly CodeModel[];
  /** Services that depend on React: only there do components/ and hooks/ folders mean browser code. */
  reactServices: ReadonlySet<string>;
}

function browserFile(ctx: BrowserContext, m: CodeModel): boolean {
  if (JSX.test(m.file) || m.calls.some((c) => BROWSER_GLOBAL.test(c.callee))) return true;
  return BROWSER_PATH.test(m.file) && ctx.reactServices.has(ctx.prog.repo.file(m.file)?.service ?? '');
}

/**
 * A helper imported only by React components (`useSWR(key, fetcher)`, `useChat({ fetch })`) runs in
 * the browser, where the user, SWR or React Query handle failures: not a back-end outbound call.
 */
function browserOnly(ctx: BrowserContext, file: string, fnName: string, depth = 0): boolean {
  if (depth > 0) return browserOnlyUncached(ctx, file, fnName, depth);
  let memo = verdicts.get(ctx);
  if (!memo) verdicts.set(ctx, (memo = new Map()));
  const key = `${file}#${fnName}`;
  let v = memo.get(key);
  if (v === undefined) memo.set(key, (v = browserOnlyUncached(ctx, file, fnName, 0)));
  return v;
}

/** Per context: the verdict of each (file, function), and the models importing each name. */
const verdicts = new WeakMap<BrowserContext, Map<string, boolean>>();
const importIndex = new WeakMap<BrowserContext, Map<string, CodeModel[]>>();

/** The models that import something named `name` (built once: asking every model per call was quadratic). */
function importersOf(ctx: BrowserContext, name: string): CodeModel[] {
  let index = importIndex.get(ctx);
  if (!index) {
    index = new Map();
    for (const m of ctx.models) {
      for (const n of new Set(m.imports.flatMap((i) => i.names))) {
        const list = index.get(n);
        if (list) list.push(m);
        else index.set(n, [m]);
      }
    }
    importIndex.set(ctx, index);
  }
  return index.get(name) ?? [];
}

function browserOnlyUncached(ctx: BrowserContext, file: string, fnName: string, depth: number): boolean {
  if (/^use[A-Z]/.test(fnName)) return true; // a React hook
  if (JSX.test(file)) return true;
  let importers = 0;
  for (const m of importersOf(ctx, fnName)) {
    if (m.file === file) continue;
    for (const i of m.imports) {
      if (!i.names.includes(fnName) || ctx.prog.resolveModule(m.file, i.module) !== file) continue;
      if (!browserFile(ctx, m)) return false;
      importers++;
    }
  }
  if (importers > 0) return true;
  // Not imported: a helper of the file's own functions (`httpGet` → `request`), browser-only when they all are.
  const own = ctx.prog.model(file);
  const local = own ? own.calls.filter((c) => c.callee === fnName && c.fn >= 0) : [];
  if (depth >= 2 || !own || local.length === 0) return false;
  const callers = new Set(local.map((c) => topName(own, c.fn)).filter((n) => n && n !== fnName));
  return callers.size > 0 && [...callers].every((n) => browserOnly(ctx, file, n, depth + 1));
}

/**
 * Browser code among server-side files: a file of components or hooks, a script that touches
 * window/document, a helper (or the top-level function around it) imported only by such files, a
 * React hook, or a fetch of a relative URL (`fetch("/api/x")` only works in a page).
 */
export function browserCode(ctx: BrowserContext, model: CodeModel, call: CallSite): boolean {
  if (browserFile(ctx, model)) return true;
  const first = call.args[0];
  if (first && (first.kind === 'string' || first.kind === 'fstring') && /^[`'"]?\//.test(first.text) && !/^[`'"]?\/\//.test(first.text)) return true;
  for (const f of fnChain(model, call.fn)) {
    const name = model.functions[f].name;
    if (name && browserOnly(ctx, model.file, name)) return true;
  }
  return false;
}
