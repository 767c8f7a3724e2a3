/**
 * Splits a repository into services: every folder holding a package manifest is one, and each file
 * belongs to the innermost. A monorepo with `backend/` (FastAPI) and `frontend/` (React) thus yields
 * three roots, '', 'backend' and 'frontend', and back-end checks can skip the front end.
 */
import {
  jsDependencies,
  pipfileDependencies,
  pyprojectDependencies,
  requirementsTxtDependencies,
  setupPyDependencies,
} from './manifests.js';
import { dirOf } from '../core/paths.js';
import { baseName } from './language.js';
import { isUnderTestOrFixtureDir } from './roles.js';
import type { ServiceKind, ServiceRoot } from './types.js';

/** Files whose presence makes their folder a service root. */
const MANIFEST_NAMES = new Set([
  'package.json',
  'pyproject.toml',
  'requirements.txt',
  'setup.py',
  'Pipfile',
  'manage.py',
]);

const JS_BACKEND = ['express', 'fastify', '@nestjs/core', 'koa', 'hono', '@hapi/hapi'];
const JS_FRONTEND = [
  'react',
  'vue',
  'svelte',
  '@angular/core',
  'next',
  'nuxt',
  'vite',
  'preact',
  'solid-js',
  '@sveltejs/kit',
];
const JS_WORKER = ['bullmq', 'bull'];
const PY_BACKEND = ['fastapi', 'flask', 'django', 'starlette', 'aiohttp', 'sanic', 'litestar'];
const PY_WORKER = ['celery', 'rq', 'dramatiq', 'arq', 'huey'];

/** Next.js route handlers (`app/.../api/.../route.ts`) and API routes (`pages/api/...`) make it a server. */
const NEXT_API_ROUTE = /^(src\/)?(app\/(.+\/)?api\/(.+\/)?route\.[cm]?[jt]sx?|pages\/api\/.+)$/;

/** A setuptools / distutils script: it imports one of them and calls `setup(`. Read as plain text, never run. */
function isSetuptoolsScript(text: string | undefined): boolean {
  return !!text && /\b(setuptools|distutils)\b/.test(text) && /\bsetup\s*\(/.test(text);
}

export function findServiceRoots(paths: string[], readText: (path: string) => string | undefined): ServiceRoot[] {
  const manifestsByDir = new Map<string, string[]>([['', []]]);
  for (const path of paths) {
    const name = baseName(path);
    if (!MANIFEST_NAMES.has(name) || isUnderTestOrFixtureDir(path)) continue;
    // A module that happens to be called setup.py (a Flask "setup wizard" handler) is no package manifest.
    if (name === 'setup.py' && !isSetuptoolsScript(readText(path))) continue;
    const dir = dirOf(path);
    const list = manifestsByDir.get(dir) ?? [];
    list.push(name);
    manifestsByDir.set(dir, list);
  }
  const roots: ServiceRoot[] = [];
  for (const [dir, manifests] of manifestsByDir) {
    manifests.sort();
    roots.push({ dir, kind: kindOf(dir, paths, readText), manifests });
  }
  return roots.sort((a, b) => compare(a.dir, b.dir));
}

/** Repository-relative dir of the innermost service root holding `path` ('' when only the root does). */
export function serviceOf(path: string, services: readonly ServiceRoot[]): string {
  let best = '';
  for (const { dir } of services) {
    if (dir.length > best.length && path.startsWith(dir + '/')) best = dir;
  }
  return best;
}

function kindOf(dir: string, paths: readonly string[], readText: (path: string) => string | undefined): ServiceKind {
  const prefix = dir === '' ? '' : dir + '/';
  // Only files directly in the folder (plus a `requirements/` folder of split requirement files).
  const own = paths.filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
  const js = jsDependencies(own.includes(prefix + 'package.json') ? readText(prefix + 'package.json') : undefined);
  const py = pythonDependencies(prefix, paths, own, readText);

  const runtimeBackend = JS_BACKEND.some((d) => js.runtime.has(d));
  const jsFrontend = JS_FRONTEND.some((d) => js.runtime.has(d) || js.dev.has(d));
  // A server framework only in devDependencies is usually a dev proxy or mock server next to a
  // front end; without a front end it is a back end that bundles its dependencies.
  const devBackend = !jsFrontend && JS_BACKEND.some((d) => js.dev.has(d));
  const hasNext = js.runtime.has('next') || js.dev.has('next');
  const nextApi = hasNext && paths.some((p) => p.startsWith(prefix) && NEXT_API_ROUTE.test(p.slice(prefix.length)));

  if (runtimeBackend || devBackend || nextApi || PY_BACKEND.some((d) => py.has(d))) return 'backend';
  if (jsFrontend) return 'frontend';
  if (PY_WORKER.some((d) => py.has(d)) || JS_WORKER.some((d) => js.runtime.has(d))) return 'worker';
  return 'unknown';
}

/** Union of the Python dependencies every manifest in the folder declares. */
function pythonDependencies(
  prefix: string,
  paths: readonly string[],
  own: readonly string[],
  readText: (path: string) => string | undefined,
): Set<string> {
  const names = new Set<string>();
  const add = (more: Set<string>): void => more.forEach((n) => names.add(n));
  const splitRequirements = paths.filter((p) => p.startsWith(prefix + 'requirements/') && p.endsWith('.txt'));
  for (const path of [...own, ...splitRequirements]) {
    const name = baseName(path);
    const isRequirements = /^requirements.*\.txt$/i.test(name) || path.startsWith(prefix + 'requirements/');
    // Django's manage.py names its settings module; other projects have manage.py scripts too
    // (Netflix/dispatch's database/manage.py drives Alembic), so the name alone says nothing.
    if (name === 'manage.py' && /DJANGO_SETTINGS_MODULE|from django|import django/.test(readText(path) ?? '')) names.add('django');
    if (!isRequirements && name !== 'pyproject.toml' && name !== 'Pipfile' && name !== 'setup.py') continue;
    const text = readText(path);
    if (text === undefined) continue;
    if (isRequirements) add(requirementsTxtDependencies(text));
    else if (name === 'pyproject.toml') add(pyprojectDependencies(text));
    else if (name === 'Pipfile') add(pipfileDependencies(text));
    else add(setupPyDependencies(text));
  }
  return names;
}

/** Plain code-unit order, so the result does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
