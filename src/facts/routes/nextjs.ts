/**
 * Next.js route handlers: `app/**\/route.ts` files exporting GET/POST/… (route groups `(x)` and
 * parallel slots `@x` dropped from the URL), and `pages/api/**` default-exported handlers (any method).
 * Wrappers (`export const GET = withAuth(async (req) => …)`) are unwrapped; `middleware.ts` limiters
 * cover the whole app.
 */
import { callsIn } from '../code/lookup.js';
import type { CallSite, CodeModel } from '../code/model.js';
import { isAuthName, isRateLimitName } from './names.js';
import { functionConsumesLimiter } from './node-guards.js';
import { nodeHandler } from './express.js';
import type { Program } from './program.js';
import { callsOf, resolveCall } from './reach.js';
import { serviceOf } from './python.js';
import type { Extraction, FnRef } from './types.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const APP_ROUTE = /(^|\/)app\/(.*\/)?route\.(ts|js|mjs|tsx|jsx)$/;
const PAGES_API = /(^|\/)pages\/(api\/.*)\.(ts|js|mjs|tsx|jsx)$/;
/** Session helpers of NextAuth, Clerk, Auth0, Supabase…: a handler calling one checks the caller. */
const SESSION_CALLS = /^(getServerSession|getSession|auth|currentUser|getAuth|getToken|getUser|verifyIdToken|getKindeServerSession|validateRequest)$/;

function urlOf(file: string, kind: 'app' | 'pages'): string {
  const segs = file.split('/');
  const start = segs.indexOf(kind) + 1;
  const parts = segs.slice(start, kind === 'app' ? -1 : undefined);
  if (kind === 'pages') parts[parts.length - 1] = parts[parts.length - 1].replace(/\.\w+$/, '');
  if (parts[parts.length - 1] === 'index') parts.pop();
  return `/${parts.filter((p) => !/^\(.*\)$/.test(p) && !p.startsWith('@')).join('/')}`;
}

const checksCaller = (c: CallSite) => SESSION_CALLS.test(c.name) || (isAuthName(c.name) && /^(require|verify|check|ensure|validate|get_?current)/i.test(c.name));
/** An options object that turns the helper's auth off: `parseRequest(req, schema, { skipAuth: true })`. */
const SKIPS_AUTH = /^(skip_?auth|no_?auth|public|anonymous|allow_?anonymous)$/i;

/**
 * The line where a handler checks the caller: a session call of its own, or a call to a repository
 * helper that makes one (`const { auth, error } = await parseRequest(request)`, which calls
 * `checkAuth`), unless the handler tells the helper to skip it.
 */
function authInHandler(prog: Program, ref: FnRef): number | null {
  const model = prog.model(ref.file) as CodeModel;
  for (const { call } of callsIn(model, ref.fn)) {
    if (checksCaller(call)) return call.line;
    if (call.args.some((a) => (a.entries ?? []).some((e) => SKIPS_AUTH.test(e.key) && e.value.kind === 'bool' && e.value.value === 'true'))) continue;
    const target = resolveCall(prog, model, call);
    const tm = target ? prog.model(target.file) : undefined;
    if (target && tm && callsOf(tm, target.fn).some(({ call: inner }) => checksCaller(inner))) return call.line;
  }
  return null;
}

export function extractNext(prog: Program, files: string[], out: Extraction): void {
  for (const file of files) {
    const model = prog.model(file) as CodeModel;
    if (APP_ROUTE.test(file)) {
      const path = urlOf(file, 'app');
      model.functions.forEach((fn, idx) => {
        if (fn.parent === -1 && !fn.className && METHODS.has(fn.name)) push(prog, out, file, fn.line, fn.name, path, { file, fn: idx }, null);
      });
      // export const GET = withAuth(async (req) => …)
      for (const a of model.assignments) {
        if (a.scope !== 'module' || !METHODS.has(a.target) || a.value.kind !== 'call') continue;
        push(prog, out, file, a.line, a.target, path, nodeHandler(prog, file, a.value), a.value.callee ?? '');
      }
    } else if (PAGES_API.test(file)) {
      const sym = prog.defaultExport(file);
      let handler: FnRef | null = sym?.kind === 'function' ? { file: sym.file, fn: sym.fn } : null;
      if (!handler) {
        const tops = model.functions.map((f, i) => ({ f, i })).filter((x) => x.f.parent === -1 && !x.f.className);
        const pick = tops.find((x) => x.f.name === 'handler') ?? (tops.length === 1 ? tops[0] : undefined);
        if (pick) handler = { file, fn: pick.i };
      }
      push(prog, out, file, handler ? model.functions[handler.fn].line : 1, 'ANY', urlOf(file, 'pages'), handler, null);
    } else if (/(^|\/)middleware\.(ts|js)$/.test(file)) {
      model.functions.forEach((_fn, idx) => {
        const hit = functionConsumesLimiter(prog, file, idx);
        if (hit) out.serviceLimits.push({ service: serviceOf(prog, file), evidence: prog.repo.ev(file, hit.line, { note: `${hit.lib} in middleware` }), detail: hit.lib });
      });
    }
  }
}

function push(prog: Program, out: Extraction, file: string, line: number, method: string, path: string, handler: FnRef | null, wrapper: string | null): void {
  const authLine = handler ? authInHandler(prog, handler) : null;
  const auth = wrapper && isAuthName(wrapper) ? prog.repo.ev(file, line, { note: 'auth wrapper' }) : authLine ? prog.repo.ev(handler!.file, authLine, { note: 'session check in handler' }) : null;
  const rateLimit = wrapper && isRateLimitName(wrapper) ? prog.repo.ev(file, line, { note: 'rate-limit wrapper' }) : null;
  out.routes.push({ framework: 'nextjs', method, path, file, line, handler, auth, rateLimit, entries: [] });
}
