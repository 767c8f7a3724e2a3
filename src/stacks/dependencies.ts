/** Declared dependencies with the manifest line that declares them. */
import type { Dependency, FactMap } from '../facts/fact-map.js';
import type { RepoContext } from '../facts/repo.js';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import {
  normalizePythonName,
  pipfileDependencies,
  pyprojectDependencies,
  requirementsTxtDependencies,
  setupPyDependencies,
} from '../discover/manifests.js';
import { isUnderTestOrFixtureDir } from '../discover/roles.js';

function lineOf(lines: string[], name: string, from = 0): number {
  const re = new RegExp(`(^|["'\\s\\[,])${name.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => `[${c === '-' ? '-_.' : c === '.' ? '-_.' : '\\' + c}]`)}($|["'\\s=<>~!\\[;:,@])`, 'i');
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i + 1;
  return 1;
}

export function collectDependencies(repo: RepoContext, _facts: FactMap): Dependency[] {
  const out: Dependency[] = [];
  for (const f of repo.discovery.files) {
    if (isUnderTestOrFixtureDir(f.path)) continue;
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (base === 'package.json') {
      out.push(...packageJsonDependencies(repo, f.path));
      continue;
    }
    let names: Set<string> | undefined;
    const dev = /dev|test|lint/i.test(base);
    if (/^requirements.*\.(txt|in)$/.test(base)) names = requirementsTxtDependencies(repo.read(f.path) ?? '');
    else if (base === 'pyproject.toml') names = pyprojectDependencies(repo.read(f.path) ?? '');
    else if (base === 'Pipfile') names = pipfileDependencies(repo.read(f.path) ?? '');
    else if (base === 'setup.py') names = setupPyDependencies(repo.read(f.path) ?? '');
    if (!names) continue;
    const lines = repo.lines(f.path);
    for (const name of names) {
      const line = lineOf(lines, name);
      out.push({ name: normalizePythonName(name), spec: (lines[line - 1] ?? '').trim(), ecosystem: 'pypi', dev, evidence: repo.ev(f.path, line) });
    }
  }
  return out;
}

const NPM_SECTIONS: [string, boolean][] = [
  ['dependencies', false],
  ['peerDependencies', false],
  ['optionalDependencies', false],
  ['devDependencies', true],
];

/** package.json entries located by the JSON tree, so `"mongoose"` in `keywords` is never taken for the dependency. */
function packageJsonDependencies(repo: RepoContext, path: string): Dependency[] {
  const text = repo.read(path);
  if (text === undefined) return [];
  const tree = parseTree(text);
  if (!tree) return [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const out: Dependency[] = [];
  for (const [section, dev] of NPM_SECTIONS) {
    const node = findNodeAtLocation(tree, [section]);
    if (node?.type !== 'object') continue;
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      out.push({
        name: key.value,
        spec: typeof value?.value === 'string' ? value.value : '',
        ecosystem: 'npm',
        dev,
        evidence: repo.ev(path, lineAt(key.offset)),
      });
    }
  }
  return out;
}
