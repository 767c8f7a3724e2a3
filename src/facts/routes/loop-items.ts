/**
 * Routers mounted in a loop over a table of routes, a common Express layout:
 *   const defaultRoutes = [{ path: '/auth', route: authRoute }, …];
 *   defaultRoutes.forEach((route) => router.use(route.path, route.route));
 * A call inside such a loop is read once per table row, with `route.path` (or a destructured
 * `path`) replaced by the row's value, so each router gets its own prefix.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { Program } from './program.js';

/** The call's arguments once per row of the literal table its loop iterates, or null when it is not in such a loop. */
export function argsPerLoopRow(prog: Program, model: CodeModel, c: CallSite): Value[][] | null {
  if (c.loop === undefined) return null;
  const loop = model.loops[c.loop];
  const rows = literalRows(prog, model.file, loop.iter);
  if (!rows || !loop.target) return null;
  const bind = binder(loop.target.replace(/^(const|let|var)\s+/, ''));
  if (!bind || !c.args.some((a) => bind(a, {}) !== undefined)) return null;
  return rows.map((row) => {
    const fields = Object.fromEntries((row.entries ?? []).map((e) => [e.key, e.value]));
    return c.args.map((a) => bind(a, fields) ?? a);
  });
}

/** The rows of a list of object literals: inline, or a module constant the loop names. */
function literalRows(prog: Program, file: string, iter: Value | undefined): Value[] | null {
  let list = iter;
  if (list?.kind === 'name') {
    const sym = prog.resolveName(file, list.text);
    list = sym?.kind === 'value' ? sym.assignment.value : undefined;
  }
  if (list?.kind !== 'list' || !list.items?.length || !list.items.every((i) => i.kind === 'dict')) return null;
  return list.items;
}

type Bind = (arg: Value, fields: Record<string, Value>) => Value | undefined;

/** How an argument refers to the row: `row.key` for a plain loop variable, `key` for a destructured one. */
function binder(target: string): Bind | null {
  if (/^[\w$]+$/.test(target)) {
    return (arg, fields) => {
      if (arg.kind !== 'attr' || !arg.text.startsWith(`${target}.`)) return undefined;
      const key = arg.text.slice(target.length + 1);
      return /^[\w$]+$/.test(key) ? (fields[key] ?? { kind: 'other', text: arg.text, line: arg.line }) : undefined;
    };
  }
  const destructured = /^\{([\w$\s,]+)\}$/.exec(target);
  if (!destructured) return null;
  const names = new Set(destructured[1].split(',').map((s) => s.trim()).filter(Boolean));
  return (arg, fields) => (arg.kind === 'name' && names.has(arg.text) ? (fields[arg.text] ?? { kind: 'other', text: arg.text, line: arg.line }) : undefined);
}
