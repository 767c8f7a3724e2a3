/**
 * `@fastify/autoload` (the fastify-cli layout): `fastify.register(autoload, { dir: join(import.meta.dirname, 'routes') })`
 * registers the default export of every file under that folder as a plugin, prefixed with its folder
 * path (`routes/api/tasks/index.ts` → `/api/tasks`), and applies each folder's `autohooks` file to
 * the plugins in it and below (its `onRequest` hooks guard those routes).
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { Program } from './program.js';
import type { Extraction, FnRef } from './types.js';

/** The folder an autoload `dir` option names, relative to the repository: `join(import.meta.dirname, 'routes')`. */
function autoloadDir(model: CodeModel, dir: Value | undefined): string | null {
  if (dir?.kind !== 'call' || dir.call === undefined || !/(^|\.)(join|resolve)$/.test(dir.callee ?? '')) return null;
  const [base, ...rest] = model.calls[dir.call].args;
  if (!base || !/^(import\.meta\.dirname|__dirname)$/.test(base.text) || rest.length === 0) return null;
  const parts = rest.map((a) => (a.kind === 'string' ? (a.value ?? '').replace(/^\.\/|\/$/g, '') : null));
  if (parts.some((p) => p === null || p.includes('..'))) return null;
  const here = model.file.includes('/') ? model.file.slice(0, model.file.lastIndexOf('/')) : '';
  return [here, ...(parts as string[])].filter(Boolean).join('/');
}

/** The function a file's default export is (`export default async function (fastify) {}`, `export default plugin`). */
function defaultPlugin(prog: Program, file: string): FnRef | null {
  const sym = prog.defaultExport(file);
  if (sym?.kind === 'function') return { file: sym.file, fn: sym.fn };
  if (sym?.kind === 'value' && sym.assignment.value.kind === 'function' && sym.assignment.value.fn !== undefined) return { file: sym.file, fn: sym.assignment.value.fn };
  return null;
}

export interface AutoloadMount {
  plugin: FnRef;
  /** Folder of the plugin file below the autoload root: its route prefix. */
  prefix: string;
  /** `autohooks` plugins of its folder and the folders above it, up to the root. */
  hooks: FnRef[];
}

/** Files under the autoload folder whose default export is a package (`export default fastifyRateLimit`). */
export function autoloadPackages(prog: Program, model: CodeModel, c: CallSite): { module: string; file: string; line: number }[] {
  const dir = autoloadDir(model, autoloadOptions(c)?.entries?.find((e) => e.key === 'dir')?.value);
  if (!dir) return [];
  const out: { module: string; file: string; line: number }[] = [];
  for (const f of [...prog.repo.models.keys()].filter((x) => x.startsWith(`${dir}/`)).sort()) {
    const def = prog.model(f)?.defaultExport;
    const sym = def?.name ? prog.resolveName(f, def.name) : undefined;
    if (def && sym?.kind === 'external') out.push({ module: sym.module, file: f, line: def.line });
  }
  return out;
}

function autoloadOptions(c: CallSite): Value | undefined {
  return c.args[1]?.kind === 'dict' ? c.args[1] : undefined;
}

/** The plugins an autoload registration loads, or null when the call is not one we can read. */
export function autoloadMounts(prog: Program, model: CodeModel, c: CallSite): AutoloadMount[] | null {
  const dir = autoloadDir(model, autoloadOptions(c)?.entries?.find((e) => e.key === 'dir')?.value);
  if (!dir) return null;
  const files = [...prog.repo.models.keys()].filter((f) => f.startsWith(`${dir}/`) && /\.[cm]?[jt]s$/.test(f) && !/\.(test|spec)\.[cm]?[jt]s$/.test(f)).sort();
  const hooksIn = new Map<string, FnRef>();
  for (const f of files) {
    const name = f.slice(f.lastIndexOf('/') + 1);
    const plugin = /^autohooks\.[cm]?[jt]s$/.test(name) ? defaultPlugin(prog, f) : null;
    if (plugin) hooksIn.set(f.slice(0, f.lastIndexOf('/')), plugin);
  }
  const out: AutoloadMount[] = [];
  for (const f of files) {
    const folder = f.slice(0, f.lastIndexOf('/'));
    if (/^autohooks\./.test(f.slice(folder.length + 1))) continue;
    const plugin = defaultPlugin(prog, f);
    if (!plugin) continue;
    const hooks: FnRef[] = [];
    for (let d = folder; d.length >= dir.length; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
      const h = hooksIn.get(d);
      if (h) hooks.push(h);
      if (d === dir) break;
    }
    out.push({ plugin, prefix: folder.slice(dir.length), hooks });
  }
  return out;
}

/** Hooks of the autohooks plugins (their `addHook` uses) apply to the plugins autoload put below them. */
export function applyAutohooks(out: Extraction, pending: { child: string; hookKeys: string[] }[]): void {
  for (const { child, hookKeys } of pending) {
    for (const key of hookKeys) {
      for (const u of out.uses.filter((x) => x.owner === key)) out.uses.push({ ...u, owner: child });
    }
  }
}
