/**
 * Dependency manifests and the lockfiles that pin them (lockfile-missing, deps-unpinned).
 *
 * A manifest is a package.json, pyproject.toml (PEP 621 / Poetry / dependency groups), Pipfile or a
 * runtime requirements*.txt that declares at least one dependency. Its lock is searched in its own
 * folder and, for workspaces (npm/yarn/pnpm/bun workspaces, uv workspaces), in any ancestor folder.
 *
 * Decisions (documented in the rules):
 * - a requirements*.txt whose every requirement is pinned with `==` / `===`, or that carries
 *   pip-compile / uv pip compile output markers, IS a lock (for itself and for a pyproject.toml or
 *   requirements.in beside it);
 * - requirements files named for development (dev, test, lint, docs, ci) are tooling, not what ships:
 *   they are not manifests here;
 * - setup.py is a library manifest (libraries do not ship lockfiles) and is not considered.
 */
import type { Dependency, FactMap, ManifestLock } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import type { Evidence } from '../../core/evidence.js';
import { isUnderTestOrFixtureDir } from '../../discover/roles.js';
import { parse as parseToml } from 'smol-toml';
import { pythonSpecOpen, npmSpecOpen, requirementLines } from './dep-specs.js';
import { dirOf } from '../../core/paths.js';

const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];
const PY_LOCKS = ['poetry.lock', 'uv.lock', 'pdm.lock', 'pylock.toml'];
/** Requirement files that hold tooling for developers and CI, not what the service runs with. */
const DEV_REQUIREMENTS = /(^|[-_.])(dev|devel|develop|test|tests|testing|lint|docs|doc|ci|typing|format)([-_.]|$)/i;

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function ancestors(dir: string): string[] {
  const out = [dir];
  while (dir !== '') {
    dir = dirOf(dir);
    out.push(dir);
  }
  return out;
}

const join = (dir: string, name: string) => (dir === '' ? name : `${dir}/${name}`);

export function collectManifestLocks(repo: RepoContext, facts: FactMap): ManifestLock[] {
  const paths = new Set(repo.discovery.files.map((f) => f.path));
  const byManifest = new Map<string, Dependency[]>();
  for (const d of facts.dependencies) byManifest.set(d.evidence.file, [...(byManifest.get(d.evidence.file) ?? []), d]);

  /** A fully pinned / compiled requirements file is a lock. */
  const reqLock = new Map<string, Evidence | null>();
  const requirementsLock = (path: string): Evidence | null => {
    if (reqLock.has(path)) return reqLock.get(path) ?? null;
    const text = repo.read(path) ?? '';
    const reqs = requirementLines(text);
    let lock: Evidence | null = null;
    if (/^#.*\b(pip-compile|uv pip compile|pip-tools|poetry export|pdm export|uv export)\b/m.test(text) || /--hash[= ]sha256:/.test(text)) lock = repo.ev(path, 0, { note: 'compiled requirements' });
    else if (reqs.length > 0 && reqs.every((r) => /(^|[^=<>!~])===?\s*[\w.*+!-]+/.test(r.text) && !/[<>]|~=|!=/.test(r.text.replace(/;.*$/, ''))))
      lock = repo.ev(path, 0, { note: 'every requirement pinned with ==' });
    reqLock.set(path, lock);
    return lock;
  };

  const findLock = (manifest: string, ecosystem: 'npm' | 'pypi'): Evidence | null => {
    const dir = dirOf(manifest);
    const base = baseOf(manifest);
    if (ecosystem === 'npm') {
      for (const d of ancestors(dir)) for (const l of NPM_LOCKS) if (paths.has(join(d, l))) return repo.ev(join(d, l), 0, { note: 'lockfile' });
      return null;
    }
    if (base === 'Pipfile') return paths.has(join(dir, 'Pipfile.lock')) ? repo.ev(join(dir, 'Pipfile.lock'), 0, { note: 'lockfile' }) : null;
    if (/^requirements.*\.txt$/.test(base) && requirementsLock(manifest)) return requirementsLock(manifest);
    for (const d of ancestors(dir)) for (const l of PY_LOCKS) if (paths.has(join(d, l))) return repo.ev(join(d, l), 0, { note: 'lockfile' });
    // A pinned requirements file beside a pyproject.toml / requirements.in (pip-compile, `uv export`).
    if (base === 'pyproject.toml' || base.endsWith('.in')) {
      const siblings = repo.discovery.files.filter((f) => dirOf(f.path) === dir && /^requirements.*\.txt$/.test(baseOf(f.path)) && !DEV_REQUIREMENTS.test(baseOf(f.path).replace(/^requirements/, '')));
      for (const s of siblings) {
        const l = requirementsLock(s.path);
        if (l) return l;
      }
    }
    return null;
  };

  const out: ManifestLock[] = [];
  for (const [manifest, deps] of byManifest) {
    if (isUnderTestOrFixtureDir(manifest)) continue;
    const base = baseOf(manifest);
    const ecosystem = deps[0].ecosystem;
    if (base === 'setup.py') continue;
    if (/^requirements/.test(base) && DEV_REQUIREMENTS.test(base.replace(/^requirements/, ''))) continue;
    if (dirOf(manifest).split('/').some((s) => s === 'requirements') && DEV_REQUIREMENTS.test(base)) continue;
    const shipped = base === 'pyproject.toml' ? pyprojectRuntime(repo.read(manifest) ?? '') : null;
    const runtime = deps.filter((d) => !/^(python|node)$/i.test(d.name) && !isLocal(d.spec) && (!shipped || (shipped.names.has(norm(d.name)) && !shipped.local.has(norm(d.name)))));
    if (runtime.length === 0) continue;
    // A package.json of developer tooling only (prettier, husky) beside non-JavaScript code ships nothing.
    const dir = dirOf(manifest);
    if (ecosystem === 'npm' && runtime.every((d) => d.dev) && !repo.discovery.files.some((f) => f.role === 'app' && /^(javascript|typescript|tsx|jsx)$/.test(f.language) && (dir === '' || f.path.startsWith(`${dir}/`)))) continue;
    const lock = findLock(manifest, ecosystem);
    const open: Evidence[] = [];
    for (const d of runtime) {
      const why = ecosystem === 'npm' ? npmSpecOpen(d.spec) : pythonSpecOpen(d.spec, d.name);
      if (why && !open.some((e) => e.line === d.evidence.line)) open.push({ ...d.evidence, note: why });
    }
    out.push({ manifest, ecosystem, dependencyCount: runtime.length, lock, openSpecs: open });
  }
  return out.sort((a, b) => (a.manifest < b.manifest ? -1 : 1));
}

/** Workspace, path and VCS references are not registry versions. */
function isLocal(spec: string): boolean {
  return /^(workspace:|file:|link:|portal:|git\+|git:|github:|https?:)/.test(spec) || /^-e\s|^\.\.?\//.test(spec) || /\{[^}]*\b(path|git)\s*=/.test(spec) || /\s@\s*(file|git\+|https?):/.test(spec);
}

const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What a pyproject.toml ships: PEP 621 `project.dependencies` and Poetry's main dependency table
 * (dependency groups and extras are development / optional), minus names that `[tool.uv.sources]` or
 * Poetry take from a path, workspace or VCS rather than a registry.
 */
function pyprojectRuntime(text: string): { names: Set<string>; local: Set<string> } {
  const names = new Set<string>();
  const local = new Set<string>();
  let doc: unknown;
  try {
    doc = parseToml(text);
  } catch {
    return { names, local };
  }
  if (!isRecord(doc)) return { names, local };
  const project = doc.project;
  if (isRecord(project) && Array.isArray(project.dependencies))
    for (const r of project.dependencies) if (typeof r === 'string') names.add(norm(/^\s*([A-Za-z0-9][A-Za-z0-9_.-]*)/.exec(r)?.[1] ?? r));
  const tool = isRecord(doc.tool) ? doc.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  if (isRecord(poetry.dependencies))
    for (const [k, v] of Object.entries(poetry.dependencies)) {
      names.add(norm(k));
      if (isRecord(v) && (v.path || v.git || v.url)) local.add(norm(k));
    }
  const uv = isRecord(tool.uv) ? tool.uv : {};
  if (isRecord(uv.sources)) for (const [k, v] of Object.entries(uv.sources)) if (isRecord(v) && (v.path || v.workspace || v.git || v.url)) local.add(norm(k));
  return { names, local };
}
