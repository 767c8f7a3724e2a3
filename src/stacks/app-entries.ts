/** Where web applications are created: the anchor for "missing X" findings (the fix goes there). */
import type { AppEntry, FactMap, Framework } from '../facts/fact-map.js';
import type { RepoContext } from '../facts/repo.js';
import { table } from '../core/table.js';

const PY_CONSTRUCTORS = table<Framework>({ FastAPI: 'fastapi', Flask: 'flask', Starlette: 'starlette' });
const NODE_CALLS = table<Framework>({
  express: 'express',
  Fastify: 'fastify',
  fastify: 'fastify',
  'NestFactory.create': 'nestjs',
  Koa: 'koa',
  Hono: 'hono',
});

/**
 * The repository's own subclasses of FastAPI / Flask / Starlette (`class FastAPIWithInternalModels(FastAPI)`,
 * up to two levels): an instance of one is the app.
 */
function appSubclasses(repo: RepoContext): Map<string, Framework> {
  const out = new Map<string, Framework>();
  for (let pass = 0; pass < 2; pass++) {
    for (const model of repo.models.values()) {
      if (model.language !== 'python') continue;
      for (const cls of model.classes) {
        for (const b of cls.bases) {
          const base = b.slice(b.lastIndexOf('.') + 1);
          const fw = PY_CONSTRUCTORS[base] ?? out.get(base);
          if (fw && !out.has(cls.name) && !PY_CONSTRUCTORS[cls.name]) out.set(cls.name, fw);
        }
      }
    }
  }
  return out;
}

export function collectAppEntries(repo: RepoContext, _facts: FactMap): AppEntry[] {
  const out: AppEntry[] = [];
  const subclasses = appSubclasses(repo);
  for (const model of repo.models.values()) {
    const file = repo.file(model.file);
    if (!file || file.role !== 'app') continue;
    for (const c of model.calls) {
      // A subclass counts where its name is defined or imported (not a same-named class elsewhere).
      const sub = subclasses.get(c.callee) && (model.classes.some((k) => k.name === c.callee) || model.imports.some((i) => i.names.includes(c.callee))) ? subclasses.get(c.callee) : undefined;
      const fw = model.language === 'python' ? PY_CONSTRUCTORS[c.callee] ?? PY_CONSTRUCTORS[c.name] ?? sub : NODE_CALLS[c.callee];
      if (!fw) continue;
      // `Flask(__name__)` yes; `flask.Flask` attribute access through `flask.Flask(...)` also yes.
      if (model.language === 'python' && c.callee.includes('.') && !/^(fastapi|flask|starlette)\./.test(c.callee)) continue;
      out.push({ framework: fw, evidence: repo.ev(model.file, c.line) });
    }
    if (model.language === 'python' && /(^|\/)(settings|wsgi|asgi)\.py$/.test(model.file)) {
      if (model.assignments.some((a) => a.target === 'INSTALLED_APPS') || model.calls.some((c) => c.name === 'get_wsgi_application' || c.name === 'get_asgi_application')) {
        const line = model.assignments.find((a) => a.target === 'INSTALLED_APPS')?.line ?? model.calls.find((c) => /get_(w|a)sgi_application/.test(c.name))?.line ?? 1;
        out.push({ framework: 'django', evidence: repo.ev(model.file, line) });
      }
    }
  }
  // Next.js API routes: the app is the route files themselves.
  for (const f of repo.discovery.files) {
    if (f.role === 'app' && /(^|\/)(app\/.*\/route|pages\/api\/.*)\.(ts|js|mjs)$/.test(f.path)) {
      out.push({ framework: 'nextjs', evidence: repo.ev(f.path, 1) });
      break;
    }
  }
  return out;
}

/** App entry lines by file (optionally of some frameworks): "is this call the app's constructor?" in O(1). */
export function appEntryLines(entries: readonly AppEntry[], frameworks?: readonly Framework[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const e of entries) {
    if (frameworks && !frameworks.includes(e.framework)) continue;
    out.set(e.evidence.file, (out.get(e.evidence.file) ?? new Set<number>()).add(e.evidence.line));
  }
  return out;
}
