/**
 * Which services are React / Next.js / Vite front ends, where each starts (its root render or the
 * Next.js root layout), and which parsed files belong to it. A front end is a service whose
 * package.json declares react, next or vite and that renders a React root (or is a Next.js app). The per-check extractors in this folder
 * read only these files, so a back end next to the front end is never judged by front-end checks.
 */
import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import type { CodeModel } from '../code/model.js';
import type { FactMap, FrontendApp } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { dirOf } from '../../core/paths.js';
import { table } from '../../core/table.js';

const FRAMEWORK_DEPS = table<FrontendApp['frameworks'][number]>({ react: 'react', next: 'nextjs', vite: 'vite' });
/** Next.js root layout (App Router) and custom App (Pages Router): every page renders inside them. */
const NEXT_ROOT = /^(src\/)?(app\/layout|pages\/_app)\.[cm]?[jt]sx?$/;

/** Next.js code that runs on the server only: route handlers, API routes, middleware. */
export const NEXT_SERVER_FILE = /^(src\/)?(app\/(.+\/)?route\.[cm]?[jt]sx?|pages\/api\/.+|middleware\.[cm]?[jt]s)$/;

export interface AppShell {
  app: FrontendApp;
  models: CodeModel[];
}

export function relativeTo(service: string, path: string): string {
  return service === '' ? path : path.slice(service.length + 1);
}

/** `createRoot(el).render(<App />)`, `root.render(…)`, `ReactDOM.render(<App />, el)`, `hydrateRoot(el, <App />)` in a file importing react-dom. */
function rootRenders(repo: RepoContext, m: CodeModel): Evidence[] {
  if (!m.imports.some((i) => i.module === 'react-dom' || i.module.startsWith('react-dom/'))) return [];
  const out: Evidence[] = [];
  for (const c of m.calls) {
    const jsxArg = c.name === 'render' || c.name === 'hydrate' ? c.args[0] : c.name === 'hydrateRoot' ? c.args[1] : undefined;
    if (jsxArg && jsxArg.text.startsWith('<')) out.push(repo.ev(m.file, c.line, { endLine: c.endLine, note: 'root render' }));
  }
  return out;
}

export function collectAppShells(repo: RepoContext, facts: FactMap): AppShell[] {
  const byService = new Map<string, { frameworks: Set<FrontendApp['frameworks'][number]>; manifest: string }>();
  for (const d of facts.dependencies) {
    const fw = d.ecosystem === 'npm' ? FRAMEWORK_DEPS[d.name] : undefined;
    if (!fw || !d.evidence.file.endsWith('package.json')) continue;
    const service = dirOf(d.evidence.file);
    if (repo.file(d.evidence.file)?.service !== service) continue;
    const entry = byService.get(service) ?? { frameworks: new Set(), manifest: d.evidence.file };
    entry.frameworks.add(fw);
    byService.set(service, entry);
  }
  const out: AppShell[] = [];
  for (const [service, { frameworks, manifest }] of byService) {
    const files: string[] = [];
    const models: CodeModel[] = [];
    const roots: Evidence[] = [];
    for (const f of facts.files) {
      if (f.service !== service || f.role !== 'app') continue;
      const m = repo.models.get(f.path);
      // A repository whose root holds both a Python back end and a JS front end: only JS/TS is the front end.
      if (!m || m.language === 'python') continue;
      files.push(f.path);
      models.push(m);
      if (frameworks.has('nextjs') && NEXT_ROOT.test(relativeTo(service, f.path))) roots.push(evidenceForFile(f.path, 'Next.js root layout'));
      else roots.push(...rootRenders(repo, m));
    }
    // Only an app whose start is known counts: a back end that renders e-mail templates with react,
    // a component library, or a package with vite in devDependencies for its tests is not a front end.
    if (!frameworks.has('nextjs') && roots.length === 0) continue;
    const order: FrontendApp['frameworks'] = (['react', 'nextjs', 'vite'] as const).filter((f) => frameworks.has(f));
    out.push({
      app: {
        service,
        frameworks: order,
        manifest: evidenceForFile(manifest, 'front-end manifest'),
        roots,
        files,
        errorBoundaries: [],
        unlabelledIconButtons: [],
        labelledIconButtons: [],
        hardcodedApiUrls: [],
        configuredApiUrls: [],
        apiCalls: [],
        offlineHandling: [],
      },
      models,
    });
  }
  return out.sort((a, b) => (a.app.service < b.app.service ? -1 : 1));
}
