/**
 * Which parsed files are back-end application code for the process checks (swallowed exceptions,
 * module state): code that runs inside a deployed server or worker. Scripts, migrations, tests,
 * `__main__` blocks and front-end code are left out: a swallowed error in a one-off script is seen
 * by whoever runs it, and browser code has no server process to break.
 */
import type { CodeModel } from '../code/model.js';
import type { RepoFile } from '../../discover/types.js';
import type { FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isMigrationModule, isTestModule } from '../observability/scan.js';
import { npmScriptFiles } from '../observability/npm-scripts.js';
import { dirOf } from '../../core/paths.js';

export interface AppModule {
  model: CodeModel;
  file: RepoFile;
  python: boolean;
}

const UI_MODULES = ['react', 'react-dom', 'vue', 'svelte', 'preact', 'solid-js', '@angular/core'];
const FRONT_DIRS = new Set(['public', 'static', 'client', 'frontend', 'www', 'assets', 'components', 'pages']);
/** Server-side files of a Next.js app; everything else there may run in the browser. */
const NEXT_SERVER = /(^|\/)(app\/(.+\/)?route|pages\/api\/.+|middleware|instrumentation|server\/.+|lib\/.+)\.[cm]?[jt]s$/;
const TOOLING = /(^|\/)(build|gulpfile|gruntfile|esbuild|webpack|rollup|vite|jest|vitest|babel|eslint|prettier|noxfile|fabfile|gunicorn[._-]?conf(ig)?)(\.config)?\.([cm]?[jt]s|py)$/i;

/** Back-end application modules, sorted by path. */
export function appModules(repo: RepoContext, facts: FactMap): AppModule[] {
  const front = new Set(repo.discovery.services.filter((s) => s.kind === 'frontend').map((s) => s.dir));
  const next = new Set(facts.dependencies.filter((d) => d.ecosystem === 'npm' && d.name === 'next').map((d) => dirOf(d.evidence.file)));
  const byScripts = npmScriptFiles(repo);
  const out: AppModule[] = [];
  for (const model of repo.models.values()) {
    const file = repo.file(model.file);
    if (!file || file.role !== 'app' || front.has(file.service) || byScripts.has(file.path)) continue;
    if (file.language !== 'python' && file.language !== 'typescript' && file.language !== 'javascript') continue;
    if (isTestModule(file.path) || isMigrationModule(model) || TOOLING.test(file.path)) continue;
    const rel = file.service ? file.path.slice(file.service.length + 1) : file.path;
    const python = model.language === 'python';
    if (!python && rel.split('/').slice(0, -1).some((d) => FRONT_DIRS.has(d.toLowerCase())) && !(next.has(file.service) && NEXT_SERVER.test(rel))) continue;
    if (next.has(file.service) && !NEXT_SERVER.test(rel)) continue;
    if (model.imports.some((i) => UI_MODULES.some((m) => i.module === m || i.module.startsWith(`${m}/`)))) continue;
    if ((repo.lines(file.path)[0] ?? '').startsWith('#!')) continue;
    out.push({ model, file, python });
  }
  return out.sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
}

