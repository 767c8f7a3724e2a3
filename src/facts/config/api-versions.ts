/**
 * Evidence that a service versions its HTTP API (fact ApiVersionSignal[]). Route paths do not always
 * carry their mount prefix (`app.use('/v1', routes)`, `app.mount("/api/v1", api)`, a settings
 * constant used as `include_router(prefix=...)`), so any of these counts for the whole service:
 * - a route whose path has a version segment (/v1, /api/v2.1);
 * - a route declared in a file under a `v1/` folder (routes/v1/users.js);
 * - a string like "/api/v1" passed to a mount / router / prefix call, or as `prefix=` / `url_prefix=`
 *   / `root_path=` / `{ prefix }` / `{ version }`;
 * - a module- or class-level constant holding a versioned path prefix (API_V1_STR = "/api/v1"; not
 *   VERSION = "v1", which may be the app's own version);
 * - NestJS `enableVersioning()` or a `@Version()` decorator.
 */
import type { ApiVersionSignal, FactMap } from '../fact-map.js';
import type { Value } from '../code/model.js';
import type { RepoContext } from '../repo.js';

/** A path whose segment is a version: /v1, api/v2/, /v1.2 (a bare "v1" string is a segment too). */
export const VERSIONED_PATH = /(^|\/)v\d+(\.\d+)?(\/|$)/i;
const VERSION_DIR = /(^|\/)v\d+\//i;
const MOUNT_CALLS = new Set(['use', 'include_router', 'mount', 'register', 'register_blueprint', 'setGlobalPrefix', 'APIRouter', 'Router', 'Blueprint', 'path', 're_path', 'include', 'route', 'basePath', 'group', 'Mount', 'FastAPI', 'Hono', 'Controller', 'RouterModule.register']);
/** Python keywords that carry a path prefix; not `version=` (FastAPI(version="1.0") is the OpenAPI document's version). */
const KWARG_PREFIXES = new Set(['prefix', 'url_prefix', 'root_path', 'path']);
const PREFIX_KEYS = new Set(['prefix', 'url_prefix', 'root_path', 'path', 'version', 'basePath']);

function versionedString(v: Value | undefined, key?: string): boolean {
  if (!v) return false;
  if (v.kind === 'string' && v.value !== undefined) {
    // `{ version: '1' }` (Nest controller options): the key says it is a version.
    if (key === 'version' && /^\d+(\.\d+)?$/.test(v.value)) return true;
    return VERSIONED_PATH.test(v.value) && v.value.length < 80 && !/\s/.test(v.value);
  }
  if (v.kind === 'fstring' || v.kind === 'binop') return VERSIONED_PATH.test(v.literal ?? '');
  if (v.kind === 'dict') return (v.entries ?? []).some((e) => PREFIX_KEYS.has(e.key) && versionedString(e.value, e.key));
  if (v.kind === 'list') return (v.items ?? []).some((i) => versionedString(i));
  return false;
}

export function collectApiVersionSignals(repo: RepoContext, facts: FactMap): ApiVersionSignal[] {
  const out: ApiVersionSignal[] = [];
  const service = (path: string) => repo.file(path)?.service ?? '';
  for (const [path, m] of repo.models) {
    const f = repo.file(path);
    if (!f || f.role !== 'app') continue;
    for (const c of m.calls) {
      const versioned =
        c.name === 'enableVersioning' ||
        (MOUNT_CALLS.has(c.name) && (c.args.some((a) => versionedString(a)) || Object.entries(c.kwargs).some(([k, v]) => KWARG_PREFIXES.has(k) && versionedString(v, k))));
      if (versioned) out.push({ service: f.service, evidence: repo.ev(path, c.line) });
    }
    for (const fn of [...m.functions, ...m.classes]) {
      for (const d of fn.decorators) {
        const name = (d.callee ?? d.text).split('.').pop() ?? '';
        if (name === 'Version' || (name === 'Controller' && d.call !== undefined && m.calls[d.call]?.args.some((a) => versionedString(a)))) out.push({ service: f.service, evidence: repo.ev(path, d.line) });
      }
    }
    for (const a of m.assignments) {
      if (a.scope === 'function') continue;
      if (a.value.kind === 'string' && a.value.value !== undefined && /^(\/(api\/)?|api\/)v\d+(\.\d+)?\/?$/i.test(a.value.value)) out.push({ service: f.service, evidence: repo.ev(path, a.line) });
    }
  }
  // Routes last: the mount or prefix that versions them is the better evidence.
  for (const r of facts.routes) {
    if (VERSIONED_PATH.test(r.path) || VERSION_DIR.test(r.evidence.file)) out.push({ service: service(r.evidence.file), evidence: r.evidence });
  }
  return out;
}
