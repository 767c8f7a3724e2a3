/**
 * `print()` and `console.log/info/debug` calls in back-end application code: output that bypasses
 * the logging set-up (no level, no timestamp, no JSON, no request context).
 *
 * Only code that runs inside a deployed back end counts. Left out, because printing is their job or
 * because they never run on the server:
 * - tests (and `tests.py` modules), scripts, CLIs, migrations (by role, or Alembic / Django / TypeORM
 *   migration modules kept elsewhere), `if __name__ == "__main__":`
 *   blocks and Python modules that have one without creating the web app (run as scripts), files
 *   package.json runs as one-off scripts (`"setup-db": "node db/setup.js"`), files with a
 *   `#!` line, Python modules that build a command line (argparse, typer, fire) and functions
 *   registered as CLI commands (`@app.cli.command()`, `@click.command()`, `@cli.command()`);
 * - code outside back-end and worker services (front ends, CLI tools and libraries print by design);
 * - front-end code: `.tsx`/`.jsx` components, modules importing a UI library,
 *   `public/`, `static/`, `client/` folders, and in a Next.js service everything but its server
 *   files (route handlers, `pages/api`, `middleware`, `instrumentation`);
 * - build and tooling files (`build.js`, `gulpfile.js`, `gunicorn.conf.py`, `noxfile.py`).
 * `print(..., file=sys.stderr)` IS reported: it still bypasses levels, formatters and handlers.
 * `print(..., file=f)` with any other stream is file output, not logging, and is not reported.
 * `console.warn` / `console.error` are not reported: they are the usual error channel, and the
 * catalogue asks for the informational calls.
 */
import type { CallSite, CodeModel } from '../code/model.js';
import { inMainGuard } from '../code/model.js';
import type { RepoFile } from '../../discover/types.js';
import type { FactMap, LogCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { isMigrationModule, isTestModule } from './scan.js';
import { npmScriptFiles } from './npm-scripts.js';
import { dirOf } from '../../core/paths.js';

const CONSOLE_INFO = new Set(['console.log', 'console.info', 'console.debug']);
/** A module that parses a command line is a CLI; click is left to the decorator test (Flask apps import it for `app.cli`). */
const PY_CLI_MODULES = ['argparse', 'typer', 'fire'];
const UI_MODULES = ['react', 'react-dom', 'vue', 'svelte', 'preact', 'solid-js', '@angular/core'];
const FRONT_DIRS = new Set(['public', 'static', 'client', 'frontend', 'www', 'assets']);
const TOOLING = /^(build|gulpfile|gruntfile|esbuild|webpack|rollup|noxfile|fabfile|dodo|gunicorn[._-]?conf(ig)?)\.([cm]?[jt]s|py)$/i;
/** Server-side files of a Next.js app; everything else there may run in the browser. */
const NEXT_SERVER = /(^|\/)(app\/(.+\/)?route|pages\/api\/.+|middleware|instrumentation)\.[cm]?[jt]s$/;

export function collectLogCalls(repo: RepoContext, facts: FactMap): LogCall[] {
  // Only services that run as a server or worker: a package with neither (a CLI tool, a library) prints by design.
  const serverServices = new Set(repo.discovery.services.filter((s) => s.kind === 'backend' || s.kind === 'worker').map((s) => s.dir));
  const nextServices = new Set(
    facts.dependencies.filter((d) => d.ecosystem === 'npm' && d.name === 'next').map((d) => dirOf(d.evidence.file)),
  );
  const appEntryFiles = new Set(facts.appEntries.map((e) => e.evidence.file));
  const runByScripts = npmScriptFiles(repo);
  const out: LogCall[] = [];
  for (const model of repo.models.values()) {
    const file = repo.file(model.file);
    if (!file || runByScripts.has(file.path) || !isBackendApp(repo, file, model, serverServices, nextServices, appEntryFiles)) continue;
    for (const call of model.calls) {
      const kind = model.language === 'python' ? pythonPrint(model, call) : consoleCall(call);
      if (!kind) continue;
      const where = placeOf(model, call.fn);
      const what = kind === 'print' ? 'print()' : `${call.callee}()`;
      out.push({ kind, evidence: repo.ev(model.file, call.line, { endLine: call.endLine, note: `${what} ${where}` }) });
    }
  }
  return out.sort((a, b) => (a.evidence.file < b.evidence.file ? -1 : a.evidence.file > b.evidence.file ? 1 : a.evidence.line - b.evidence.line));
}

function isBackendApp(
  repo: RepoContext,
  file: RepoFile,
  model: CodeModel,
  servers: Set<string>,
  next: Set<string>,
  appEntryFiles: Set<string>,
): boolean {
  if (file.role !== 'app' || !servers.has(file.service)) return false;
  if (file.language !== 'python' && file.language !== 'typescript' && file.language !== 'javascript') return false;
  const rel = file.service ? file.path.slice(file.service.length + 1) : file.path;
  const dirs = rel.split('/').slice(0, -1).map((d) => d.toLowerCase());
  if (dirs.some((d) => FRONT_DIRS.has(d))) return false;
  if (TOOLING.test(rel.slice(rel.lastIndexOf('/') + 1))) return false;
  if (next.has(file.service) && !NEXT_SERVER.test(rel)) return false;
  if ((repo.lines(file.path)[0] ?? '').startsWith('#!')) return false;
  const ui = model.imports.some((i) => UI_MODULES.some((m) => i.module === m || i.module.startsWith(`${m}/`)));
  if (ui) return false;
  if (model.language === 'python' && model.imports.some((i) => PY_CLI_MODULES.some((m) => i.module === m || i.module.startsWith(`${m}.`)))) {
    return false;
  }
  // A module with a `__main__` block that creates no app is run as a script (pre-start checks, tools).
  if (model.mainGuards.length > 0 && !appEntryFiles.has(file.path)) return false;
  return !isTestModule(file.path) && !isMigrationModule(model);
}

function pythonPrint(model: CodeModel, call: CallSite): 'print' | null {
  if (call.callee !== 'print') return null;
  if (inMainGuard(model, call.line)) return null;
  const stream = call.kwargs.file;
  if (stream && !/^sys\.(stderr|stdout)$/.test(stream.text)) return null;
  if (inCliCommand(model, call)) return null;
  return 'print';
}

/** Inside a function (or one nested in a function) decorated as a CLI command. */
function inCliCommand(model: CodeModel, call: CallSite): boolean {
  for (let f = call.fn; f >= 0; f = model.functions[f].parent) {
    const decorators = model.functions[f].decorators;
    if (decorators.some((d) => /(^|\.)command$/.test(d.kind === 'call' ? (d.callee ?? '') : d.text))) return true;
  }
  return false;
}

/** "in summarize()", "in a callback in start()", "in a callback", "at module level". */
function placeOf(model: CodeModel, fn: number): string {
  if (fn < 0) return 'at module level';
  let f = fn;
  while (f >= 0 && !model.functions[f].name) f = model.functions[f].parent;
  if (f === fn) return `in ${model.functions[f].name}()`;
  return f >= 0 ? `in a callback in ${model.functions[f].name}()` : 'in a callback';
}

function consoleCall(call: CallSite): 'console' | null {
  const callee = call.callee.replace(/^(globalThis|window|global)\./, '');
  return CONSOLE_INFO.has(callee) ? 'console' : null;
}

