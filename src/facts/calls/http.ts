/**
 * Outbound HTTP call sites of the deployed back end, each with whether a timeout bounds it
 * (http-python.ts, http-node.ts say what each client does by default).
 *
 * Only request-path code counts: role `app` files outside front-end services. Skipped: scripts and
 * CLIs (role `script`: a stuck one-off run is visible to the person running it), `if __name__ ==
 * "__main__":` blocks, .tsx/.jsx components and front-end services (browser requests are bounded by
 * the user, not by a server worker), except Next.js route handlers, which run on the server; and
 * JavaScript in static/public/assets folders or in a service without a package.json (a Python
 * app's browser scripts), and browser code inside server-side files of full-stack apps (browser.ts:
 * React hooks and components' helpers, relative-URL fetches).
 */
import type { CodeModel } from '../code/model.js';
import type { FactMap, HttpCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor } from '../routes/program.js';
import { browserCode, type BrowserContext } from './browser.js';
import { nodeHttpCalls, type NodeHttpContext } from './http-node.js';
import { pythonHttpCalls } from './http-python.js';

/** Folders served to browsers as-is. */
const BROWSER_DIR = /(^|\/)(static|public|assets|www|wwwroot)\//;
const NEXT_SERVER_FILE = /(^|\/)(app\/(.*\/)?route|pages\/api\/.*|middleware)\.(ts|js|mjs)$/;

function serverSideFiles(repo: RepoContext): CodeModel[] {
  const frontend = new Set(repo.discovery.services.filter((s) => s.kind === 'frontend').map((s) => s.dir));
  // JavaScript in a service with no package.json (a Python app's static files) runs in the browser.
  const nodeServices = new Set(repo.discovery.services.filter((s) => s.manifests.some((m) => /(^|\/)package\.json$/.test(m))).map((s) => s.dir));
  const out: CodeModel[] = [];
  for (const model of repo.models.values()) {
    const f = repo.file(model.file);
    if (!f || f.role !== 'app') continue;
    if (model.language === 'tsx' || /\.(tsx|jsx)$/.test(f.path)) continue;
    if (frontend.has(f.service) && !NEXT_SERVER_FILE.test(f.path)) continue;
    if (model.language !== 'python' && (BROWSER_DIR.test(f.path) || !nodeServices.has(f.service))) continue;
    out.push(model);
  }
  return out;
}

export function collectHttpCalls(repo: RepoContext, facts: FactMap): HttpCall[] {
  const models = serverSideFiles(repo);
  const all = [...repo.models.values()];
  const socketDefaultTimeout = all.some((m) => m.language === 'python' && m.calls.some((c) => c.callee === 'socket.setdefaulttimeout'));
  // axios defaults are process-wide: look across the service.
  const nodeCtx = new Map<string, NodeHttpContext>();
  for (const m of all) {
    if (m.language === 'python') continue;
    const service = repo.file(m.file)?.service ?? '';
    const ctx = nodeCtx.get(service) ?? { axiosDefaultTimeout: false, instanceDefaults: new Set<string>() };
    for (const a of m.assignments) {
      if (a.target === 'axios.defaults.timeout') ctx.axiosDefaultTimeout = true;
      else if (a.target.endsWith('.defaults.timeout')) ctx.instanceDefaults.add(a.target.slice(0, -'.defaults.timeout'.length));
    }
    nodeCtx.set(service, ctx);
  }
  const out: HttpCall[] = [];
  let browserCtx: BrowserContext | undefined;
  for (const m of models) {
    if (m.language === 'python') out.push(...pythonHttpCalls(repo, m, { socketDefaultTimeout }));
    else {
      const service = repo.file(m.file)?.service ?? '';
      const calls = nodeHttpCalls(repo, m, nodeCtx.get(service) ?? { axiosDefaultTimeout: false, instanceDefaults: new Set() });
      out.push(...calls.filter((h) => !inBrowser(browser(), m, h.evidence.line)));
    }
  }
  return out;

  function browser(): BrowserContext {
    browserCtx ??= {
      prog: programFor(repo),
      models: all.filter((m) => repo.file(m.file)?.role === 'app'),
      reactServices: new Set(facts.dependencies.filter((d) => d.ecosystem === 'npm' && /^(react|next)$/.test(d.name)).map((d) => repo.file(d.evidence.file)?.service ?? '')),
    };
    return browserCtx;
  }
}

/** The request on `line` runs in the browser (see browser.ts). */
function inBrowser(ctx: BrowserContext, m: CodeModel, line: number): boolean {
  const call = m.calls.find((c) => c.line === line && c.fn >= 0) ?? m.calls.find((c) => c.line === line);
  return !!call && browserCode(ctx, m, call);
}
