/** Declared dependencies with the manifest line that declares them. */
import type { Dependency, FactMap } from '../facts/fact-map.js';
import type { RepoContext } from '../facts/repo.js';
import {
  jsDependencies,
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
      const text = repo.read(f.path);
      const deps = jsDependencies(text);
      const lines = repo.lines(f.path);
      const add = (names: Set<string>, dev: boolean) => {
        for (const name of names) {
          const line = lineOf(lines, `"${name}"`.slice(1, -1));
          const spec = /:\s*"([^"]*)"/.exec(lines[line - 1] ?? '')?.[1] ?? '';
          out.push({ name, spec, ecosystem: 'npm', dev, evidence: repo.ev(f.path, line) });
        }
      };
      add(deps.runtime, false);
      add(deps.dev, true);
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
