/**
 * Express, Koa (koa-router), Hono and Fastify routes: `app.get('/x', mw…, handler)`,
 * `router.route('/x').get(h)`, `fastify.get(path, opts, handler)`, `fastify.route({method, url,
 * handler})`; mounts (`app.use('/api', router)`, `app.route('/api', sub)`, `router.use(r.routes())`,
 * `fastify.register(plugin, { prefix })`), `use` middleware, and @fastify/rate-limit registration.
 * A call only counts when its receiver is an app/router object (or a plugin parameter typed as one)
 * and its first argument is a path string: `axios.get('/x')` or `supertest(app).get('/x')` never are.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { Framework } from '../fact-map.js';
import { healthMiddlewareRoute } from './health-libs.js';
import { applyAutohooks, autoloadMounts, autoloadPackages } from './fastify-autoload.js';
import { argsPerLoopRow } from './loop-items.js';
import { nodeGuards } from './node-guards.js';
import type { Program } from './program.js';
import { serviceOf } from './python.js';
import type { Extraction, FnRef } from './types.js';
import { table } from '../../core/table.js';

const PACKAGES = table<Framework>({ express: 'express', koa: 'koa', '@koa/router': 'koa', 'koa-router': 'koa', hono: 'hono', fastify: 'fastify' });
const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'head', 'all']);
const PARAM_TYPES: [RegExp, Framework][] = [
  [/Fastify/, 'fastify'],
  [/Hono/, 'hono'],
  [/Koa|KoaRouter/, 'koa'],
  [/Express|Router|Application/, 'express'],
];

/** `express()`, `express.Router()`, `Router()`, `new Router()`, `new Hono()`, `Fastify()`: the framework, or null. */
function ctorFramework(prog: Program, file: string, v: Value | undefined): Framework | null {
  if (v?.kind !== 'call') return null;
  const callee = v.callee ?? '';
  const sym = prog.resolveName(file, callee.split('.')[0]);
  if (sym?.kind !== 'external') return null;
  const fw = PACKAGES[sym.module];
  if (!fw) return null;
  if (fw === 'express' && !/^(\w+|\w+\.Router)$/.test(callee)) return null;
  return fw;
}

function pathArg(v: Value | undefined): string | null {
  if (!v) return null;
  if (v.kind === 'string') return v.value ?? '';
  if (v.kind === 'fstring') return v.text.replace(/^`|`$/g, '');
  return null;
}

export function extractExpressLike(prog: Program, files: string[], out: Extraction): void {
  // Objects: module- or function-level assignments of a framework constructor.
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    for (const a of model.assignments) {
      const fw = ctorFramework(prog, file, a.value);
      if (!fw || !/^[\w$]+$/.test(a.target)) continue;
      const callee = a.value.callee ?? '';
      const kind = /Router/.test(callee) || (fw === 'koa' && a.value.text.startsWith('new Router')) ? 'router' : 'app';
      // koa-router: new Router({ prefix: '/api' })
      const opts = a.value.call !== undefined ? model.calls[a.value.call].args[0] : undefined;
      const prefix = pathArg(opts?.entries?.find((e) => e.key === 'prefix')?.value) ?? '';
      out.objects.set(`${file}#${a.target}`, { key: `${file}#${a.target}`, file, line: a.line, framework: fw, kind, prefix, auth: null, rateLimit: null });
    }
  }
  // Routes first (they create the plugin-parameter objects), then mounts and middleware.
  const autohooks: { child: string; hookKeys: string[] }[] = [];
  for (const pass of ['routes', 'mounts'] as const) {
    for (const file of files) {
      const model = prog.model(file) as CodeModel;
      for (const c of model.calls) {
        const dot = c.callee.lastIndexOf('.');
        if (dot <= 0) continue;
        const recv = c.callee.slice(0, dot);
        const routeChain = /^(.+?)\.route\(\)(?:\.\w+\(\))*$/.exec(recv);
        const owner = objectKey(prog, out, model, routeChain ? routeChain[1] : recv, c);
        const obj = owner ? out.objects.get(owner) : undefined;
        if (!owner || !obj) continue;
        if (pass === 'routes') {
          if (routeChain && VERBS.has(c.name)) chainedRoute(prog, out, model, c, routeChain[1], owner);
          else if (VERBS.has(c.name)) verbRoute(prog, out, model, c, owner, obj.framework);
          else if (c.name === 'route' && obj.framework === 'fastify' && c.args[0]?.kind === 'dict') fastifyRoute(prog, out, model, c, owner);
        } else if (c.name === 'use' || (c.name === 'route' && obj.framework === 'hono' && c.args.length === 2)) use(prog, out, model, c, owner);
        else if (c.name === 'register') register(prog, out, model, c, owner, autohooks);
        else if (c.name === 'addHook' && c.args[1]) {
          const g = nodeGuards(prog, file, c.args[1]);
          if (g.auth || g.rateLimit) out.uses.push({ owner, file, line: c.line, path: null, ...g });
        }
      }
    }
  }
  applyAutohooks(out, autohooks);
}

/** The object key of a receiver: a known object, an imported one, or a plugin/app parameter typed as one. */
function objectKey(prog: Program, out: Extraction, model: CodeModel, recv: string, c: CallSite): string | undefined {
  if (!/^[\w$]+$/.test(recv)) return undefined;
  const file = model.file;
  if (out.objects.has(`${file}#${recv}`)) return `${file}#${recv}`;
  const sym = prog.resolveName(file, recv);
  if (sym?.kind === 'value' && out.objects.has(`${sym.file}#${sym.assignment.target}`)) return `${sym.file}#${sym.assignment.target}`;
  // A parameter of an enclosing function: `export default async function routes(fastify: FastifyInstance)`.
  for (let f = c.fn; f >= 0; f = model.functions[f].parent) {
    const fn = model.functions[f];
    const p = fn.params.find((x) => x.name === recv);
    if (!p) continue;
    const fw = paramFramework(prog, file, p.annotation, recv);
    if (!fw) return undefined;
    const key = `${file}#param:${f}`;
    if (!out.objects.has(key)) out.objects.set(key, { key, file, line: fn.line, framework: fw, kind: 'router', prefix: '', auth: null, rateLimit: null });
    return key;
  }
  return undefined;
}

function paramFramework(prog: Program, file: string, annotation: string | undefined, name: string): Framework | null {
  if (annotation) {
    for (const [re, fw] of PARAM_TYPES) if (re.test(annotation)) return fw;
    return null;
  }
  if (!/^(app|router|fastify|server|instance)$/.test(name)) return null;
  if (prog.imports(file, (m) => m === 'fastify' || m === 'fastify-plugin' || m.startsWith('@fastify/'))) return 'fastify';
  for (const [mod, fw] of Object.entries(PACKAGES)) if (fw && prog.imports(file, (m) => m === mod)) return fw;
  return null;
}

/** A handler value: an inline function, a named/imported function, `ctrl.method`, or a wrapper call `asyncHandler(fn)`. */
export function nodeHandler(prog: Program, file: string, v: Value | undefined, depth = 0): FnRef | null {
  if (!v || depth > 3) return null;
  const model = prog.model(file) as CodeModel;
  if (v.kind === 'function' && v.fn !== undefined) return { file, fn: v.fn };
  if (v.kind === 'call' && v.call !== undefined) {
    for (const a of model.calls[v.call].args) {
      const h = nodeHandler(prog, file, a, depth + 1);
      if (h) return h;
    }
    return null;
  }
  if (v.kind === 'name') {
    const sym = prog.resolveName(file, v.text);
    if (sym?.kind === 'function') return { file: sym.file, fn: sym.fn };
    if (sym?.kind === 'value') return nodeHandler(prog, sym.file, sym.assignment.value, depth + 1);
    return null;
  }
  if (v.kind === 'attr') {
    const [root, member] = v.text.replace(/^this\./, '').split('.');
    if (!member) return null;
    const sym = prog.resolveName(file, root);
    if (sym?.kind === 'module') {
      const fn = prog.topFunction(sym.file, member);
      return fn >= 0 ? { file: sym.file, fn } : null;
    }
    if (sym?.kind === 'class') {
      const cls = prog.model(sym.file)?.classes[sym.cls];
      const fn = cls ? prog.method(sym.file, cls.name, member) : -1;
      return fn >= 0 ? { file: sym.file, fn } : null;
    }
    if (sym?.kind === 'value') {
      const val = sym.assignment.value;
      if (val.kind === 'dict') return nodeHandler(prog, sym.file, val.entries?.find((e) => e.key === member)?.value, depth + 1);
      if (val.kind === 'call' && val.call !== undefined) {
        const cls = prog.resolveName(sym.file, (val.callee ?? '').split('.')[0]);
        if (cls?.kind === 'class') {
          const name = prog.model(cls.file)?.classes[cls.cls].name ?? '';
          const fn = prog.method(cls.file, name, member);
          return fn >= 0 ? { file: cls.file, fn } : null;
        }
      }
    }
  }
  return null;
}

function pushRoute(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string, method: string, path: string, mws: Value[], handlerV: Value | undefined): void {
  const fw = out.objects.get(owner)?.framework ?? 'express';
  let auth = null;
  let rateLimit = null;
  for (const mw of mws) {
    const g = nodeGuards(prog, model.file, mw);
    auth ??= g.auth;
    rateLimit ??= g.rateLimit;
  }
  let hv = handlerV;
  if (hv?.kind === 'dict') {
    const g = nodeGuards(prog, model.file, hv);
    auth ??= g.auth;
    rateLimit ??= g.rateLimit;
    hv = hv.entries?.find((e) => e.key === 'handler')?.value;
  }
  const handler = nodeHandler(prog, model.file, hv);
  out.routes.push({ framework: fw, method: method === 'ALL' ? 'ANY' : method === 'DEL' ? 'DELETE' : method, path, file: model.file, line: c.line, handler, owner, auth, rateLimit, entries: [] });
}

function verbRoute(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string, _fw: Framework): void {
  let args = c.args;
  // koa-router named routes: router.get('name', '/path', handler)
  if (pathArg(args[0]) !== null && !pathArg(args[0])!.startsWith('/') && pathArg(args[1])?.startsWith('/')) args = args.slice(1);
  const path = pathArg(args[0]);
  if (path === null || args.length < 2 || !/^[/*]|^$/.test(path)) return;
  pushRoute(prog, out, model, c, owner, c.name.toUpperCase(), path, args.slice(1, -1), args[args.length - 1]);
}

function chainedRoute(prog: Program, out: Extraction, model: CodeModel, c: CallSite, recv: string, owner: string): void {
  const base = model.calls.filter((x) => x.callee === `${recv}.route` && x.line <= c.line && x.args.length === 1).pop();
  const path = pathArg(base?.args[0]);
  if (path === null || !base) return;
  pushRoute(prog, out, model, c, owner, c.name.toUpperCase(), path, c.args.slice(0, -1), c.args[c.args.length - 1]);
}

function fastifyRoute(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string): void {
  const opts = c.args[0];
  const get = (k: string) => opts.entries?.find((e) => e.key === k)?.value;
  const url = pathArg(get('url') ?? get('path'));
  const m = get('method');
  const methods = m?.kind === 'list' ? (m.items ?? []).map((i) => i.value ?? i.text) : m?.kind === 'string' ? [m.value ?? 'GET'] : ['ANY'];
  if (url === null) return;
  for (const method of methods) pushRoute(prog, out, model, c, owner, method.toUpperCase(), url, [], opts);
}

/** The router a `use()`/`route()` argument mounts: `router`, `routes.router`, `router.routes()`, `require('./r')`. */
function mountedObject(prog: Program, out: Extraction, model: CodeModel, v: Value, c: CallSite): string | undefined {
  let text = v.kind === 'call' ? (v.callee ?? '') : v.text;
  if (v.kind === 'call' && /\.(routes|middleware)$/.test(text)) text = text.replace(/\.(routes|middleware)$/, '');
  if (v.kind === 'call' && text === 'require' && v.call !== undefined) {
    const spec = model.calls[v.call].args[0]?.value;
    const target = spec ? prog.resolveModule(model.file, spec) : undefined;
    const only = target ? [...out.objects.values()].filter((o) => o.file === target && o.kind === 'router') : [];
    return only.length === 1 ? only[0].key : undefined;
  }
  const key = objectKey(prog, out, model, text, c);
  if (key) return key;
  // A default import of a module that creates exactly one router.
  const sym = /^[\w$]+$/.test(text) ? prog.resolveName(model.file, text) : undefined;
  if (sym?.kind === 'module') {
    const only = [...out.objects.values()].filter((o) => o.file === sym.file && o.kind === 'router');
    if (only.length === 1) return only[0].key;
  }
  return undefined;
}

function use(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string): void {
  const rows = argsPerLoopRow(prog, model, c);
  if (rows) for (const args of rows) useWith(prog, out, model, c, owner, args);
  else useWith(prog, out, model, c, owner, c.args);
}

function useWith(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string, callArgs: Value[]): void {
  let args = callArgs;
  const prefix = pathArg(args[0]);
  if (prefix !== null) args = args.slice(1);
  const mws: Value[] = [];
  for (const a of args) {
    if (healthMiddlewareRoute(prog, out, model, c, owner, prefix, a)) continue;
    const child = a.kind === 'function' ? undefined : mountedObject(prog, out, model, a, c);
    if (child && child !== owner) {
      let auth = null;
      let rateLimit = null;
      for (const mw of mws) {
        const g = nodeGuards(prog, model.file, mw);
        auth ??= g.auth;
        rateLimit ??= g.rateLimit;
      }
      out.mounts.push({ child, parent: owner, file: model.file, line: c.line, prefix: prefix ?? '', auth, rateLimit });
    } else mws.push(a);
  }
  for (const mw of mws) {
    const g = nodeGuards(prog, model.file, mw);
    if (g.auth || g.rateLimit) out.uses.push({ owner, file: model.file, line: c.line, path: prefix === '*' || prefix === '/*' ? null : prefix, ...g });
  }
}

/**
 * An autoloaded plugin's `autoConfig` option `key` is the literal `value`: `autoConfig = { global: false }`,
 * or an arrow function returning such an object.
 */
function autoConfigSays(prog: Program, file: string, key: string, value: string): boolean {
  const m = prog.model(file);
  const config = m?.assignments.find((a) => a.scope === 'module' && a.target === 'autoConfig')?.value;
  if (!m || !config) return false;
  const objects = config.kind === 'dict' ? [config] : config.kind === 'function' ? m.returns.filter((r) => r.fn === config.fn && r.value?.kind === 'dict').map((r) => r.value!) : [];
  return objects.some((o) => o.entries?.some((e) => e.key === key && e.value.value === value));
}

/** The object a Fastify plugin function registers routes on: its first parameter. */
function pluginKey(prog: Program, out: Extraction, file: string, fn: number): string | undefined {
  const f = prog.model(file)?.functions[fn];
  if (!f || f.params.length === 0) return undefined;
  const key = `${file}#param:${fn}`;
  if (!out.objects.has(key)) out.objects.set(key, { key, file, line: f.line, framework: 'fastify', kind: 'router', prefix: '', auth: null, rateLimit: null });
  return key;
}

function register(prog: Program, out: Extraction, model: CodeModel, c: CallSite, owner: string, autohooks: { child: string; hookKeys: string[] }[]): void {
  const plugin = c.args[0];
  const opts = c.args[1]?.kind === 'dict' ? c.args[1] : undefined;
  if (!plugin) return;
  let pkg: string | undefined;
  let fnRef: FnRef | null = null;
  if (plugin.kind === 'call' && plugin.callee === 'import' && plugin.call !== undefined) {
    const spec = model.calls[plugin.call].args[0]?.value ?? '';
    const target = prog.resolveModule(model.file, spec);
    if (!target) pkg = spec;
    else {
      const sym = prog.defaultExport(target);
      if (sym?.kind === 'function') fnRef = { file: sym.file, fn: sym.fn };
    }
  } else if (plugin.kind === 'name') {
    const sym = prog.resolveName(model.file, plugin.text);
    if (sym?.kind === 'external') pkg = sym.module;
    else fnRef = nodeHandler(prog, model.file, plugin);
  } else fnRef = nodeHandler(prog, model.file, plugin);
  if (pkg === '@fastify/autoload') {
    for (const m of autoloadMounts(prog, model, c) ?? []) {
      const child = pluginKey(prog, out, m.plugin.file, m.plugin.fn);
      if (!child) continue;
      out.mounts.push({ child, parent: owner, file: model.file, line: c.line, prefix: m.prefix, auth: null, rateLimit: null });
      autohooks.push({ child, hookKeys: m.hooks.map((h) => `${h.file}#param:${h.fn}`) });
    }
    // `plugins/rate-limit.ts: export default fastifyRateLimit` is registered like `register(fastifyRateLimit)`
    // (global unless its `autoConfig` says `global: false`).
    for (const p of autoloadPackages(prog, model, c)) {
      if (p.module !== '@fastify/rate-limit' && p.module !== 'fastify-rate-limit') continue;
      if (autoConfigSays(prog, p.file, 'global', 'false')) continue;
      out.serviceLimits.push({ service: serviceOf(prog, model.file), evidence: prog.repo.ev(p.file, p.line, { note: '@fastify/rate-limit loaded by @fastify/autoload (global)' }), detail: '@fastify/rate-limit' });
    }
    return;
  }
  if (pkg === '@fastify/rate-limit' || pkg === 'fastify-rate-limit') {
    const global = opts?.entries?.find((e) => e.key === 'global')?.value;
    if (!(global?.kind === 'bool' && global.value === 'false')) {
      out.serviceLimits.push({ service: serviceOf(prog, model.file), evidence: prog.repo.ev(model.file, c.line, { note: '@fastify/rate-limit (global)' }), detail: '@fastify/rate-limit' });
    }
    return;
  }
  const child = fnRef ? pluginKey(prog, out, fnRef.file, fnRef.fn) : undefined;
  if (child) out.mounts.push({ child, parent: owner, file: model.file, line: c.line, prefix: pathArg(opts?.entries?.find((e) => e.key === 'prefix')?.value) ?? '', auth: null, rateLimit: null });
}
