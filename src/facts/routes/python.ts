/**
 * FastAPI and Flask routes: decorators on app / router / blueprint objects (`@router.get("/x")`,
 * `@app.route("/x", methods=[...])`, `@router.api_route`), `add_api_route` / `add_url_rule`, router
 * prefixes (`APIRouter(prefix=…)`, `Blueprint(url_prefix=…)`) and mounts (`include_router`,
 * `register_blueprint`), plus app-wide rate limiters (slowapi middleware, flask-limiter defaults).
 */
import type { CodeModel, Value } from '../code/model.js';
import type { Framework } from '../fact-map.js';
import { isRateLimitName } from './names.js';
import type { Program } from './program.js';
import { dependencyListGuards, handlerBodyGuards, mergeGuards, newGuards, pyDecoratorGuards, pyLimiterLib, resolveFunction, signatureGuards } from './py-guards.js';
import type { AppObject, Extraction, FnRef } from './types.js';
import { table } from '../../core/table.js';

const CTORS = table<{ framework: Framework; kind: 'app' | 'router' }>({
  FastAPI: { framework: 'fastapi', kind: 'app' },
  APIRouter: { framework: 'fastapi', kind: 'router' },
  Flask: { framework: 'flask', kind: 'app' },
  Blueprint: { framework: 'flask', kind: 'router' },
});
const FASTAPI_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'trace', 'api_route']);
const FLASK_VERBS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);
/** Calls on an app or router object that register routes, mounts or middleware. */
const OBJECT_CALLS = new Set(['add_api_route', 'add_url_rule', 'include_router', 'register_blueprint', 'add_middleware']);

function ctorOf(v: Value | undefined): (typeof CTORS)[string] | undefined {
  if (v?.kind !== 'call') return undefined;
  const c = v.callee ?? '';
  const base = c.replace(/^(fastapi|flask)\./, '');
  return c.includes('.') && base === c ? undefined : CTORS[base];
}

const str = (v: Value | undefined): string | null => (v?.kind === 'string' ? (v.value ?? '') : null);
const strList = (v: Value | undefined): string[] | null => (v?.kind === 'list' ? (v.items ?? []).map((i) => (i.value ?? i.text).toUpperCase()) : null);

/** Registers every FastAPI/APIRouter/Flask/Blueprint object created in Python app files. */
function collectObjects(prog: Program, files: string[], out: Extraction): void {
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    for (const a of model.assignments) {
      const ctor = ctorOf(a.value);
      if (!ctor || !/^\w+$/.test(a.target) || a.value.call === undefined) continue;
      const call = model.calls[a.value.call];
      const prefix = str(call.kwargs.prefix) ?? str(call.kwargs.url_prefix) ?? '';
      const g = dependencyListGuards(prog, file, call.kwargs.dependencies);
      const obj: AppObject = { key: `${file}#${a.target}`, file, line: a.line, framework: ctor.framework, kind: ctor.kind, prefix, auth: g.auth, rateLimit: g.rateLimit };
      out.objects.set(obj.key, obj);
    }
  }
}

/** The object a receiver name (or `module.name`) refers to in `file`. */
export function pyObjectKey(prog: Program, out: Extraction, file: string, text: string): string | undefined {
  if (out.objects.has(`${file}#${text}`)) return `${file}#${text}`;
  const parts = text.split('.');
  const sym = prog.resolveName(file, parts[0]);
  if (parts.length === 1 && sym?.kind === 'value') {
    const key = `${sym.file}#${sym.assignment.target}`;
    return out.objects.has(key) ? key : undefined;
  }
  if (parts.length === 2 && sym?.kind === 'module') {
    const key = `${sym.file}#${parts[1]}`;
    if (out.objects.has(key)) return key;
    const inner = prog.resolveName(sym.file, parts[1]);
    if (inner?.kind === 'value' && out.objects.has(`${inner.file}#${inner.assignment.target}`)) return `${inner.file}#${inner.assignment.target}`;
  }
  return undefined;
}

function handlerOf(prog: Program, file: string, v: Value | undefined): FnRef | null {
  if (!v) return null;
  if (v.kind === 'function' && v.fn !== undefined) return { file, fn: v.fn };
  if (v.kind === 'name' || v.kind === 'attr') return resolveFunction(prog, file, v.text);
  return null;
}

export function extractFastapiFlask(prog: Program, files: string[], out: Extraction): void {
  collectObjects(prog, files, out);
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    model.functions.forEach((fn, fnIdx) => {
      for (const dec of fn.decorators) {
        if (dec.kind !== 'call' || dec.call === undefined) continue;
        const callee = dec.callee ?? '';
        const dot = callee.lastIndexOf('.');
        if (dot < 0) continue;
        const key = pyObjectKey(prog, out, file, callee.slice(0, dot));
        const obj = key ? out.objects.get(key) : undefined;
        const verb = callee.slice(dot + 1);
        if (!obj || !(obj.framework === 'fastapi' ? FASTAPI_VERBS : FLASK_VERBS).has(verb)) continue;
        const call = model.calls[dec.call];
        const pathV = call.args[0] ?? call.kwargs.path ?? call.kwargs.rule;
        const path = str(pathV) ?? pathV?.text ?? '';
        const methods = verb === 'route' || verb === 'api_route' ? (strList(call.kwargs.methods) ?? ['GET']) : [verb.toUpperCase()];
        // Other decorators on the function (auth, limiter) and, for FastAPI, the signature's dependencies.
        const g = newGuards();
        for (const other of fn.decorators) if (other !== dec) mergeGuards(g, pyDecoratorGuards(prog, file, other));
        if (obj.framework === 'fastapi') {
          mergeGuards(g, dependencyListGuards(prog, file, call.kwargs.dependencies));
          mergeGuards(g, signatureGuards(prog, file, fnIdx));
        }
        mergeGuards(g, handlerBodyGuards(prog, file, fnIdx));
        for (const method of methods) {
          out.routes.push({
            framework: obj.framework,
            method,
            path,
            file,
            line: dec.line,
            handler: { file, fn: fnIdx },
            owner: obj.key,
            auth: g.auth,
            rateLimit: g.rateLimit,
            rateLimitExempt: g.exempt,
            entries: g.entries,
          });
        }
      }
    });
    for (const c of model.calls) {
      const dot = c.callee.lastIndexOf('.');
      // Only these names do anything below: skip resolving the receiver of every other call.
      if (dot < 0 || !OBJECT_CALLS.has(c.name)) continue;
      const key = pyObjectKey(prog, out, file, c.callee.slice(0, dot));
      if (!key) continue;
      const obj = out.objects.get(key) as AppObject;
      if (c.name === 'add_api_route' || c.name === 'add_url_rule') {
        // add_api_route(path, endpoint, methods=[…]); add_url_rule(rule, endpoint?, view_func=…, methods=[…])
        const view = c.kwargs.endpoint ?? c.kwargs.view_func ?? (c.name === 'add_api_route' ? c.args[1] : c.args[2]);
        const handler = handlerOf(prog, file, view);
        const g = obj.framework === 'fastapi' ? dependencyListGuards(prog, file, c.kwargs.dependencies) : newGuards();
        if (handler && obj.framework === 'fastapi') mergeGuards(g, signatureGuards(prog, handler.file, handler.fn));
        for (const method of strList(c.kwargs.methods) ?? ['GET']) {
          out.routes.push({
            framework: obj.framework,
            method,
            path: str(c.args[0]) ?? c.args[0]?.text ?? '',
            file,
            line: c.line,
            handler,
            owner: key,
            auth: g.auth,
            rateLimit: g.rateLimit,
            entries: g.entries,
          });
        }
      } else if (c.name === 'include_router' || c.name === 'register_blueprint') {
        const child = c.args[0] ? pyObjectKey(prog, out, file, c.args[0].text) : undefined;
        if (!child) continue;
        const g = dependencyListGuards(prog, file, c.kwargs.dependencies);
        out.mounts.push({ child, parent: key, file, line: c.line, prefix: str(c.kwargs.prefix) ?? str(c.kwargs.url_prefix) ?? '', auth: g.auth, rateLimit: g.rateLimit });
      } else if (c.name === 'add_middleware' && obj.kind === 'app') {
        const mw = c.args[0]?.text ?? '';
        if (/^SlowAPI(ASGI)?Middleware$/.test(mw.split('.').pop() ?? '')) {
          if (slowapiHasDefaults(prog, files)) out.serviceLimits.push({ service: serviceOf(prog, file), evidence: prog.repo.ev(file, c.line, { note: 'slowapi middleware with default_limits' }), detail: 'slowapi' });
        } else if (isRateLimitName(mw)) {
          out.serviceLimits.push({ service: serviceOf(prog, file), evidence: prog.repo.ev(file, c.line, { note: 'rate-limit middleware' }), detail: 'custom' });
        }
      }
    }
    flaskLimiterDefaults(prog, file, model, out);
  }
}

export function serviceOf(prog: Program, file: string): string {
  return prog.repo.file(file)?.service ?? '';
}

/** slowapi's middleware only limits routes without a decorator when the Limiter has default_limits. */
function slowapiHasDefaults(prog: Program, files: string[]): boolean {
  return files.some((file) =>
    (prog.model(file)?.assignments ?? []).some(
      (a) => a.value.kind === 'call' && /(^|\.)Limiter$/.test(a.value.callee ?? '') && pyLimiterLib(prog, file, a.target) === 'slowapi' && hasDefaults(prog, file, a.value),
    ),
  );
}

function hasDefaults(prog: Program, file: string, v: Value): boolean {
  const call = v.call !== undefined ? prog.model(file)?.calls[v.call] : undefined;
  const d = call?.kwargs.default_limits ?? call?.kwargs.application_limits;
  return !!d && !(d.kind === 'list' && (d.items?.length ?? 0) === 0);
}

/** flask-limiter with default limits, bound to the app (`Limiter(app=app…)` or `limiter.init_app(app)`). */
function flaskLimiterDefaults(prog: Program, file: string, model: CodeModel, out: Extraction): void {
  for (const a of model.assignments) {
    if (a.value.kind !== 'call' || a.value.call === undefined || !/(^|\.)Limiter$/.test(a.value.callee ?? '')) continue;
    if (pyLimiterLib(prog, file, a.target) !== 'flask-limiter' || !hasDefaults(prog, file, a.value)) continue;
    const call = model.calls[a.value.call];
    const bound =
      !!call.kwargs.app ||
      call.args.some((x) => x.kind === 'name' && pyObjectKey(prog, out, file, x.text) !== undefined) ||
      [...prog.repo.models.values()].some((m) => m.calls.some((c) => c.callee === `${a.target}.init_app`));
    if (bound) out.serviceLimits.push({ service: serviceOf(prog, file), evidence: prog.repo.ev(file, a.line, { note: 'flask-limiter default_limits' }), detail: 'flask-limiter' });
  }
}
