/**
 * Django routes: `path()` / `re_path()` / `url()` entries of URLconf modules, joined through
 * `include('app.urls')`, DRF router registrations, and the views they point at (functions or
 * class-based views). Django routes accept any method unless the class defines verb methods.
 * Also reads REST_FRAMEWORK settings (project-wide throttles, permissions, pagination).
 */
import type { ClassDef, CodeModel, Value } from '../code/model.js';
import { HTTP_METHODS, joinPath } from './names.js';
import type { Program } from './program.js';
import { mergeGuards, newGuards, pyDecoratorGuards, resolveFunction, type Guards } from './py-guards.js';
import { serviceOf } from './python.js';
import { callsOf } from './reach.js';
import type { Extraction, FnRef } from './types.js';

const URL_FUNCS = new Set(['path', 're_path', 'url', 'django.urls.path', 'django.urls.re_path']);
const ROUTER_CTORS = /(^|\.)(DefaultRouter|SimpleRouter|ExtendedDefaultRouter|NestedSimpleRouter)$/;
/** How many repository base classes up a view's guards and DRF nature are looked for. */
const MAX_BASE_DEPTH = 5;
const DRF_BASE = /APIView|ViewSet|ListAPIView|CreateAPIView|RetrieveAPIView|UpdateAPIView|DestroyAPIView/;

interface UrlEntry {
  file: string;
  line: number;
  route: string;
  view: Value | undefined;
}

/** A route string as written; an f-string keeps its `{expr}` parts (`f"{prefix}accounts/"` -> `{prefix}accounts/`), a variable shows as `{name}`. */
const routeText = (v: Value | undefined) =>
  v?.kind === 'string' ? (v.value ?? '') : v?.kind === 'fstring' ? v.text.replace(/^[rRbBuUfF]*("""|'''|"|')([\s\S]*)\1$/, '$2') : v?.kind === 'name' ? `{${v.text}}` : (v?.text ?? '');
/** `^notes/(?P<pk>\d+)/$` → `notes/(?P<pk>\d+)/`: anchors dropped so prefixes join. */
const cleanRegex = (r: string) => r.replace(/^\^/, '').replace(/\$$/, '');

export function extractDjango(prog: Program, files: string[], out: Extraction): void {
  const urlFiles = files.filter((f) => prog.model(f)?.assignments.some((a) => a.scope === 'module' && a.target === 'urlpatterns'));
  const entries: UrlEntry[] = [];
  /** urls module → the prefix it is included under (first include wins). */
  const includes = new Map<string, { parent: string; prefix: string }>();
  /** DRF router → the prefix of `path("api/", include(router.urls))`. */
  const routerPrefix = new Map<string, string>();
  for (const file of urlFiles) {
    const model = prog.model(file) as CodeModel;
    for (const c of model.calls) {
      if (c.fn !== -1 || !URL_FUNCS.has(c.callee) || c.args.length < 2) continue;
      const view = c.args[1];
      if (view.kind === 'call' && /(^|\.)include$/.test(view.callee ?? '') && view.call !== undefined) {
        const inc = model.calls[view.call].args[0];
        const mod = inc?.kind === 'string' ? inc.value : inc?.kind === 'list' ? inc.items?.[0]?.value : undefined;
        const target = mod ? prog.resolveModule(file, mod) : undefined;
        if (target) includes.set(target, { parent: file, prefix: cleanRegex(routeText(c.args[0])) });
        else if (inc?.kind === 'attr' && /^[\w]+\.urls$/.test(inc.text)) routerPrefix.set(`${file}#${inc.text.slice(0, -5)}`, cleanRegex(routeText(c.args[0])));
        else if (mod && /health/i.test(mod)) entries.push({ file, line: c.line, route: cleanRegex(routeText(c.args[0])), view: undefined });
        continue;
      }
      if (/^admin\.site\.urls$/.test(view.text)) continue;
      entries.push({ file, line: c.line, route: cleanRegex(routeText(c.args[0])), view });
    }
  }
  const prefixOf = (file: string, depth = 0): string => {
    const inc = includes.get(file);
    return inc && depth < 8 ? joinPath(prefixOf(inc.parent, depth + 1), inc.prefix) : '';
  };
  for (const e of entries) addViewRoutes(prog, out, e.file, e.line, joinPath(prefixOf(e.file), e.route), e.view);
  // DRF routers: router.register(r"notes", NoteViewSet)
  for (const file of urlFiles) {
    const model = prog.model(file) as CodeModel;
    const routers = new Set(model.assignments.filter((a) => a.value.kind === 'call' && ROUTER_CTORS.test(a.value.callee ?? '')).map((a) => a.target));
    for (const c of model.calls) {
      const router = c.callee.slice(0, -'.register'.length);
      if (c.name !== 'register' || !routers.has(router) || !c.args[1]) continue;
      const cls = resolveClass(prog, file, c.args[1].text);
      const path = `${joinPath(prefixOf(file), routerPrefix.get(`${file}#${router}`) ?? '', routeText(c.args[0]))}/`;
      if (cls) addClassRoutes(prog, out, file, c.line, path, cls, newGuards());
    }
  }
  drfSettings(prog, files, out);
}

function resolveClass(prog: Program, file: string, text: string): { file: string; cls: number } | null {
  const parts = text.split('.');
  const sym = prog.resolveName(file, parts[0]);
  if (parts.length === 1 && sym?.kind === 'class') return { file: sym.file, cls: sym.cls };
  if (parts.length === 2 && sym?.kind === 'module') {
    const inner = prog.resolveName(sym.file, parts[1]);
    if (inner?.kind === 'class') return { file: inner.file, cls: inner.cls };
  }
  return null;
}

function addViewRoutes(prog: Program, out: Extraction, file: string, line: number, path: string, view: Value | undefined): void {
  const model = prog.model(file) as CodeModel;
  const g = newGuards();
  let v = view;
  // login_required(views.dashboard), ratelimit(...)(view): wrappers applied in the URLconf.
  while (v?.kind === 'call' && v.call !== undefined && !/\.as_view$/.test(v.callee ?? '')) {
    const call = model.calls[v.call];
    const wrapped = call.args.find((a) => a.kind === 'name' || a.kind === 'attr' || a.kind === 'call');
    if (!wrapped) break;
    mergeGuards(g, pyDecoratorGuards(prog, file, { ...v, kind: 'name', text: v.callee ?? '' }));
    v = wrapped;
  }
  if (v?.kind === 'call' && /\.as_view$/.test(v.callee ?? '')) {
    const cls = resolveClass(prog, file, (v.callee ?? '').slice(0, -'.as_view'.length));
    if (cls) return addClassRoutes(prog, out, file, line, path, cls, g);
  }
  const fn = v && (v.kind === 'name' || v.kind === 'attr') ? resolveFunction(prog, file, v.text) : null;
  if (fn) {
    const f = prog.model(fn.file)?.functions[fn.fn];
    for (const d of f?.decorators ?? []) mergeGuards(g, pyDecoratorGuards(prog, fn.file, d));
  }
  const viewModel = fn ? prog.model(fn.file) : undefined;
  const decorators = fn && viewModel ? viewModel.functions[fn.fn].decorators : [];
  const drf = decorators.some((d) => /(^|\.)api_view$/.test(d.callee ?? d.text));
  const methods = viewModel ? viewMethods(viewModel, decorators) : ['ANY'];
  const rendersOnly = methods[0] === 'ANY' && !!fn && !!viewModel && onlyBuildsResponse(viewModel, fn.fn);
  for (const method of methods) {
    out.routes.push({ framework: 'django', method, path, file, line, handler: fn, auth: g.auth, rateLimit: g.rateLimit, entries: [], drf, ...(rendersOnly ? { rendersOnly } : {}) });
  }
}

/** Django's response shortcuts and classes: calling only these, a view reads no input and changes nothing. */
const RESPONSE_BUILDERS = /^(render|render_to_response|redirect|reverse|reverse_lazy|get_token|HttpResponse\w*|JsonResponse|TemplateResponse|StreamingHttpResponse)$/;

/** The view makes calls, and every one of them (its closures' included) only builds the response. */
function onlyBuildsResponse(model: CodeModel, fn: number): boolean {
  const calls = callsOf(model, fn);
  return calls.length > 0 && calls.every(({ call }) => RESPONSE_BUILDERS.test(call.name));
}

/**
 * The methods a function view answers, from the decorators that restrict them: `@require_POST`,
 * `@require_GET` / `@require_safe`, `@require_http_methods(["GET", "POST"])`, DRF `@api_view(["POST"])`
 * (GET when it lists none). Any method when none does: Django dispatches every verb to the view.
 * HEAD and OPTIONS are left out of lists: they follow GET.
 */
function viewMethods(model: CodeModel, decorators: readonly Value[]): string[] {
  for (const d of decorators) {
    const name = d.kind === 'call' ? (d.callee ?? '') : d.text;
    if (/(^|\.)require_POST$/.test(name)) return ['POST'];
    if (/(^|\.)(require_GET|require_safe)$/.test(name)) return ['GET'];
    if (d.kind !== 'call' || d.call === undefined || !/(^|\.)(require_http_methods|api_view)$/.test(name)) continue;
    const call = model.calls[d.call];
    const list = call.args[0] ?? call.kwargs.http_method_names ?? call.kwargs.request_method_list;
    const out: string[] = [];
    for (const item of list?.items ?? []) {
      const m = item.kind === 'string' ? (item.value ?? '').toUpperCase() : '';
      if (m && m !== 'HEAD' && m !== 'OPTIONS' && !out.includes(m)) out.push(m);
    }
    if (out.length > 0) return out;
    if (/api_view$/.test(name) && !list) return ['GET'];
  }
  return ['ANY'];
}

function isDrfClass(prog: Program, file: string, cls: ClassDef, depth = 0): boolean {
  if (cls.bases.some((b) => DRF_BASE.test(b))) return true;
  if (depth >= MAX_BASE_DEPTH) return false;
  return cls.bases.some((b) => {
    const r = resolveClass(prog, file, b);
    return !!r && isDrfClass(prog, r.file, (prog.model(r.file) as CodeModel).classes[r.cls], depth + 1);
  });
}

/**
 * Guards declared on a class-based view: mixins, class decorators, permission/throttle attributes,
 * its own or inherited from the repository's base classes (`class UserListApi(ApiAuthMixin, APIView)`
 * with `permission_classes` on the mixin); the view's own attributes win.
 */
function classGuards(prog: Program, file: string, cls: ClassDef, depth = 0): Guards {
  const g = ownClassGuards(prog, file, cls);
  // Generic view hierarchies run deep (ScriptView → BaseScriptView → ObjectView → BaseObjectView → ObjectPermissionRequiredMixin).
  if (depth < MAX_BASE_DEPTH && (!g.auth || !g.rateLimit)) {
    for (const b of cls.bases) {
      const r = resolveClass(prog, file, b);
      if (r) mergeGuards(g, classGuards(prog, r.file, (prog.model(r.file) as CodeModel).classes[r.cls], depth + 1));
    }
  }
  return g;
}

function ownClassGuards(prog: Program, file: string, cls: ClassDef): Guards {
  const g = newGuards();
  const model = prog.model(file) as CodeModel;
  for (const d of cls.decorators) mergeGuards(g, pyDecoratorGuards(prog, file, d));
  if (cls.bases.some((b) => /LoginRequired|PermissionRequired|UserPassesTest|Authenticated/.test(b))) g.auth ??= prog.repo.ev(file, cls.line, { note: 'auth mixin' });
  for (const a of model.assignments) {
    if (a.scope !== 'class' || a.className !== cls.name) continue;
    const items = a.value.kind === 'list' ? (a.value.items ?? []) : [];
    if (a.target === 'permission_classes' && items.some((i) => !/AllowAny/.test(i.text))) g.auth ??= prog.repo.ev(file, a.line, { note: 'DRF permission_classes' });
    if (a.target === 'throttle_classes' && items.length > 0) g.rateLimit ??= prog.repo.ev(file, a.line, { note: 'DRF throttle_classes' });
  }
  return g;
}

function addClassRoutes(prog: Program, out: Extraction, file: string, line: number, path: string, ref: { file: string; cls: number }, wrap: Guards): void {
  const model = prog.model(ref.file) as CodeModel;
  const cls = model.classes[ref.cls];
  const g = mergeGuards(classGuards(prog, ref.file, cls), wrap);
  const drf = isDrfClass(prog, ref.file, cls);
  const methods: { method: string; fn: FnRef }[] = [];
  for (const m of [...HTTP_METHODS, 'list']) {
    const idx = prog.method(ref.file, cls.name, m);
    if (idx >= 0) methods.push({ method: m === 'list' ? 'GET' : m.toUpperCase(), fn: { file: ref.file, fn: idx } });
  }
  const base = { framework: 'django' as const, path, file, line, entries: [], drf };
  if (methods.length === 0) {
    out.routes.push({ ...base, method: 'ANY', handler: null, viewClass: ref, auth: g.auth, rateLimit: g.rateLimit });
    return;
  }
  for (const m of methods) {
    const mg = mergeGuards(newGuards(), g);
    for (const d of model.functions[m.fn.fn].decorators) mergeGuards(mg, pyDecoratorGuards(prog, ref.file, d));
    out.routes.push({ ...base, method: m.method, handler: m.fn, viewClass: ref, auth: mg.auth, rateLimit: mg.rateLimit });
  }
}

/** REST_FRAMEWORK = { "DEFAULT_THROTTLE_CLASSES": [...], "DEFAULT_PERMISSION_CLASSES": [...], "DEFAULT_PAGINATION_CLASS": … } */
function drfSettings(prog: Program, files: string[], out: Extraction): void {
  for (const file of files) {
    for (const a of prog.model(file)?.assignments ?? []) {
      if (a.scope !== 'module' || a.target !== 'REST_FRAMEWORK' || a.value.kind !== 'dict') continue;
      const service = serviceOf(prog, file);
      for (const e of a.value.entries ?? []) {
        const ev = prog.repo.ev(file, e.value.line, { note: `REST_FRAMEWORK ${e.key}` });
        const items = e.value.items ?? [];
        if (e.key === 'DEFAULT_THROTTLE_CLASSES' && items.length > 0) out.serviceLimits.push({ service, evidence: ev, detail: 'DRF throttling', drfOnly: true });
        if (e.key === 'DEFAULT_PERMISSION_CLASSES' && items.some((i) => !/AllowAny/.test(i.text))) out.serviceAuth.push({ service, evidence: ev, drfOnly: true });
        if (e.key === 'DEFAULT_PAGINATION_CLASS' && e.value.kind !== 'none') out.drfPagination.push({ service, evidence: ev });
      }
    }
  }
}
