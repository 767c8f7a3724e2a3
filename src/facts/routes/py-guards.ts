/**
 * What protects a Python route: decorators (`@login_required`, `@limiter.limit("5/minute")`,
 * `@ratelimit(...)`) and FastAPI dependencies (`Depends(get_current_user)`,
 * `Depends(RateLimiter(times=5, seconds=60))`), classified by the library they come from or, for
 * home-made guards, by their name.
 */
import type { Evidence } from '../../core/evidence.js';
import { assignmentsTo, callsIn, classIndex } from '../code/lookup.js';
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { isAuthName, isRateLimitName } from './names.js';
import type { Program } from './program.js';
import type { FnRef } from './types.js';

export interface Guards {
  auth: Evidence | null;
  rateLimit: Evidence | null;
  exempt: boolean;
  entries: FnRef[];
}

export const newGuards = (): Guards => ({ auth: null, rateLimit: null, exempt: false, entries: [] });

export function mergeGuards(into: Guards, from: Guards): Guards {
  into.auth ??= from.auth;
  into.rateLimit ??= from.rateLimit;
  into.exempt ||= from.exempt;
  into.entries.push(...from.entries);
  return into;
}

const DEPENDS = new Set(['Depends', 'Security', 'fastapi.Depends', 'fastapi.Security', 'params.Depends']);

/** The library behind a `Limiter` instance a name points at: slowapi or flask-limiter. */
export function pyLimiterLib(prog: Program, file: string, receiver: string): string | null {
  const root = receiver.split('.')[0];
  const sym = prog.resolveName(file, root);
  let assignFile = file;
  let value: Value | undefined;
  if (sym?.kind === 'value') {
    assignFile = sym.file;
    value = sym.assignment.value;
  } else {
    // `app.state.limiter = limiter` or a limiter created inside an app factory.
    const m = prog.model(file);
    value = m ? assignmentsTo(m, receiver)[0]?.value : undefined;
    if (value?.kind === 'name') return pyLimiterLib(prog, file, value.text);
  }
  if (value?.kind !== 'call' || !/(^|\.)Limiter$/.test(value.callee ?? '')) return null;
  const ctor = prog.resolveName(assignFile, (value.callee ?? '').split('.')[0]);
  const mod = ctor?.kind === 'external' ? ctor.module : (value.callee ?? '');
  if (mod.startsWith('slowapi')) return 'slowapi';
  if (mod.startsWith('flask_limiter')) return 'flask-limiter';
  return null;
}

function externalModule(prog: Program, file: string, name: string): string | null {
  const sym = prog.resolveName(file, name.split('.')[0]);
  return sym?.kind === 'external' ? sym.module : null;
}

/** One decorator of a view function or class. */
export function pyDecoratorGuards(prog: Program, file: string, dec: Value): Guards {
  const g = newGuards();
  const model = prog.model(file) as CodeModel;
  const name = dec.kind === 'call' ? (dec.callee ?? '') : dec.text;
  const last = name.split('.').pop() ?? '';
  const receiver = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
  const ev = (note: string) => prog.repo.ev(file, dec.line, { note });
  const call = dec.kind === 'call' && dec.call !== undefined ? model.calls[dec.call] : undefined;
  if ((last === 'limit' || last === 'shared_limit') && receiver) {
    const lib = pyLimiterLib(prog, file, receiver);
    if (lib) g.rateLimit = ev(lib);
    return g;
  }
  if (last === 'exempt' && receiver && pyLimiterLib(prog, file, receiver)) {
    g.exempt = true;
    return g;
  }
  if (last === 'ratelimit' && /ratelimit/.test(externalModule(prog, file, name) ?? '')) {
    g.rateLimit = ev('django-ratelimit');
    return g;
  }
  if (last === 'throttle_classes' && call?.args[0]?.kind === 'list' && (call.args[0].items?.length ?? 0) > 0) {
    g.rateLimit = ev('DRF throttle_classes');
    return g;
  }
  if (last === 'permission_classes' && call?.args[0]?.kind === 'list') {
    if (call.args[0].items?.some((i) => !/AllowAny/.test(i.text))) g.auth = ev('DRF permission_classes');
    return g;
  }
  if (last === 'method_decorator' && call?.args[0]) return pyDecoratorGuards(prog, file, call.args[0]);
  if (isRateLimitName(name)) g.rateLimit = ev('custom rate limiter');
  else if (isAuthName(name)) g.auth = ev('auth decorator');
  return g;
}

/** `Depends(x)` / `Security(x)`: auth, a rate limiter, and the dependency function (it runs per request). */
export function pyDependsGuards(prog: Program, file: string, call: CallSite, depth = 0): Guards {
  const g = newGuards();
  if (!DEPENDS.has(call.callee)) return g;
  const arg = call.args[0] ?? call.kwargs.dependency;
  const ev = (note: string) => prog.repo.ev(file, call.line, { note });
  if (!arg) {
    if (call.name === 'Security') g.auth = ev('FastAPI Security()');
    return g;
  }
  const name = arg.kind === 'call' ? (arg.callee ?? '') : arg.text;
  if (arg.kind === 'call' && /(^|\.)RateLimiter$/.test(name)) {
    g.rateLimit = ev('fastapi-limiter RateLimiter');
    return g;
  }
  if (isRateLimitName(name)) g.rateLimit = ev('custom rate limiter dependency');
  else if (call.name === 'Security' || isAuthName(name)) g.auth = ev('auth dependency');
  if (arg.kind === 'name' || arg.kind === 'attr') {
    const fn = resolveFunction(prog, file, arg.text);
    if (fn) {
      g.entries.push(fn);
      // A dependency that itself depends on authentication protects the route too.
      if (!g.auth && depth < 2) {
        const inner = signatureGuards(prog, fn.file, fn.fn, depth + 1);
        if (inner.auth) g.auth = ev('dependency requires authentication');
        if (inner.rateLimit && !g.rateLimit) g.rateLimit = ev('dependency applies a rate limit');
      }
    }
  }
  return g;
}

/** `name` or `module.name` as a function definition, through imports. */
export function resolveFunction(prog: Program, file: string, text: string): FnRef | null {
  const parts = text.split('.');
  if (parts.length === 1) {
    const sym = prog.resolveName(file, text);
    return sym?.kind === 'function' ? { file: sym.file, fn: sym.fn } : null;
  }
  if (parts.length === 2) {
    const mod = prog.resolveName(file, parts[0]);
    if (mod?.kind === 'module') {
      const fn = prog.topFunction(mod.file, parts[1]);
      if (fn >= 0) return { file: mod.file, fn };
    }
  }
  return null;
}

/** Depends/Security calls in a function's signature, including `Annotated` aliases (`CurrentUser`). */
export function signatureGuards(prog: Program, file: string, fnIdx: number, depth = 0): Guards {
  const model = prog.model(file);
  const g = newGuards();
  if (!model) return g;
  for (const { call: c } of callsIn(model, fnIdx)) if (DEPENDS.has(c.callee)) mergeGuards(g, pyDependsGuards(prog, file, c, depth));
  const cls = model.functions[fnIdx]?.className;
  if (cls) mergeGuards(g, classDependsGuards(prog, file, cls, depth));
  for (const p of model.functions[fnIdx]?.params ?? []) {
    if (!p.annotation || !/^\w+$/.test(p.annotation)) continue;
    const sym = prog.resolveName(file, p.annotation);
    if (sym?.kind !== 'value') continue;
    const am = prog.model(sym.file);
    const a = sym.assignment;
    for (const { call: c } of am ? callsIn(am, -1) : []) {
      if (DEPENDS.has(c.callee) && c.line >= a.line && c.line <= a.line + 3) mergeGuards(g, pyDependsGuards(prog, sym.file, c, depth));
    }
  }
  return g;
}

/**
 * Class-based views (fastapi-utils `@cbv(router)`, a repository's own `@controller(router)`): a class
 * attribute `user: User = Depends(get_current_user)` runs for every route method, and so do those of
 * the base classes (`BaseAdminController(BaseUserController)`), looked for a few levels up.
 */
function classDependsGuards(prog: Program, file: string, className: string, depth: number, level = 0): Guards {
  const g = newGuards();
  const model = prog.model(file);
  const ci = model ? classIndex(model, className) : -1;
  if (!model || ci < 0 || level > 4) return g;
  for (const a of model.assignments) {
    if (a.scope !== 'class' || a.className !== className || a.value.kind !== 'call' || a.value.call === undefined) continue;
    const c = model.calls[a.value.call];
    if (DEPENDS.has(c.callee)) mergeGuards(g, pyDependsGuards(prog, file, c, depth));
  }
  for (const b of model.classes[ci].bases) {
    if (g.auth && g.rateLimit) break;
    const sym = prog.resolveName(file, b.split('[')[0]);
    const base = sym?.kind === 'class' ? prog.model(sym.file)?.classes[sym.cls] : undefined;
    if (sym?.kind === 'class' && base) mergeGuards(g, classDependsGuards(prog, sym.file, base.name, depth, level + 1));
  }
  return g;
}

/**
 * Authorization checked inside the handler itself (Flask-Login apps often do it there): a permission
 * call on the current user (`current_user.can(Permission.WRITE)`, `has_role`), or a 401 / 403 answer
 * (`abort(403)`, `raise HTTPException(status_code=401)`).
 */
export function handlerBodyGuards(prog: Program, file: string, fnIdx: number): Guards {
  const g = newGuards();
  const model = prog.model(file);
  for (const { call: c } of model ? callsIn(model, fnIdx) : []) {
    const status = c.name === 'abort' ? c.args[0] : c.name === 'HTTPException' ? (c.kwargs.status_code ?? c.args[0]) : undefined;
    if (/^current_user\.(can|has_permission|has_perm|has_role|is_admin|is_administrator)$/.test(c.callee)) g.auth ??= prog.repo.ev(file, c.line, { note: `${c.callee}() checked in the handler` });
    else if (status && /^(401|403)$|HTTP_40[13]_|UNAUTHORIZED|FORBIDDEN/.test(status.value ?? status.text)) g.auth ??= prog.repo.ev(file, c.line, { note: 'the handler answers 401/403' });
  }
  return g;
}

/** `dependencies=[Depends(a), Depends(b)]` on a decorator, router or app. */
export function dependencyListGuards(prog: Program, file: string, list: Value | undefined): Guards {
  const g = newGuards();
  const model = prog.model(file);
  for (const item of list?.items ?? []) {
    if (item.kind === 'call' && item.call !== undefined && model) mergeGuards(g, pyDependsGuards(prog, file, model.calls[item.call]));
  }
  return g;
}
