/**
 * exception-swallowed: error handlers that do nothing with a broad error, in back-end application
 * code (see scope.ts; scripts are left out: their failures surface to whoever runs them).
 *
 * - Python: `except:`, `except Exception:` / `BaseException` (also inside a tuple) whose body is only
 *   `pass`, `...` or a docstring; `contextlib.suppress(Exception)`. Narrow types (`except KeyError:`,
 *   `except ImportError:` around an optional import, `asyncio.CancelledError`) are deliberate and
 *   not reported.
 * - JS/TS: empty `catch {}` / `catch (e) {}` (a JS catch always catches everything) and
 *   `.catch(() => {})` / `.catch(function () {})` callbacks with an empty body.
 * A body holding only a comment is a documented, deliberate ignore and is not reported (ESLint's
 * no-empty draws the same line): `catch (e) { // cookies cannot be set from a Server Component }`.
 */
import type { CallSite, Value } from '../code/model.js';
import { inMainGuard } from '../code/model.js';
import type { FactMap, SwallowedException } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModules } from './scope.js';

const BROAD = new Set(['Exception', 'BaseException']);

export function collectSwallowedExceptions(repo: RepoContext, facts: FactMap): SwallowedException[] {
  const out: SwallowedException[] = [];
  for (const { model, python } of appModules(repo, facts)) {
    for (const h of model.handlers) {
      if (!h.empty || inMainGuard(model, h.line)) continue;
      if (python && !broadTypes(h.types)) continue;
      const form = python ? `except${h.types ? ` ${h.types}` : ''}:` : h.alias ? `catch (${h.alias})` : 'catch';
      if (h.commented) continue;
      out.push({ evidence: repo.ev(model.file, h.line, { note: 'empty body' }), form, family: python ? 'py' : 'node' });
    }
    for (const c of model.calls) {
      const form = python ? suppressForm(c) : emptyCatchCallback(c);
      if (!form || (python && inMainGuard(model, c.line))) continue;
      out.push({ evidence: repo.ev(model.file, c.line, { note: python ? 'suppresses every exception in its block' : 'empty rejection callback' }), form, family: python ? 'py' : 'node' });
    }
  }
  return out;
}

/** `Exception`, `(ValueError, Exception)`, `builtins.BaseException`, '' (bare except). */
export function broadTypes(types: string): boolean {
  if (types.trim() === '') return true;
  return types
    .replace(/[()[\]]/g, '')
    .split(',')
    .map((t) => t.trim().split('.').pop() ?? '')
    .some((t) => BROAD.has(t));
}

/** `with suppress(Exception):` / `contextlib.suppress(BaseException)`. */
function suppressForm(c: CallSite): string | null {
  if (c.callee !== 'suppress' && c.callee !== 'contextlib.suppress') return null;
  const broad = c.args.find((a) => (a.kind === 'name' || a.kind === 'attr') && BROAD.has(a.text.split('.').pop() ?? ''));
  return broad ? `suppress(${broad.text})` : null;
}

/** `.catch(() => {})`, `.catch((_e) => { /* ignore *\/ })`, `.catch(function () {})`. */
function emptyCatchCallback(c: CallSite): string | null {
  if (c.name !== 'catch' || !c.callee.includes('.') || c.args.length !== 1) return null;
  return isEmptyFunction(c.args[0]) ? '.catch(() => {})' : null;
}

export function isEmptyFunction(v: Value): boolean {
  if (v.kind !== 'function' || v.text.endsWith('…')) return false;
  const text = v.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ').trim();
  return /^(async )?(\( ?[\w$]* ?(: ?\w+ ?)?\)|[\w$]+) ?=> ?\{ ?\}$/.test(text) || /^(async )?function ?[\w$]* ?\( ?[\w$]* ?(: ?\w+ ?)?\) ?\{ ?\}$/.test(text);
}

