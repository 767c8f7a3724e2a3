/**
 * Typed Python codebases and the type checkers that check them (typecheck-disabled, Python side).
 * A service is "typed" when its application functions annotate most of their parameters (at least
 * 20 parameters, 60 % annotated; `self` / `cls` left out): its authors rely on types that nothing
 * verifies unless mypy / pyright / pytype runs. A checker counts wherever it is configured or run:
 * a dependency, `[tool.mypy]` / `[tool.pyright]`, mypy.ini, pyrightconfig.json, a `[mypy]` section,
 * a pre-commit hook, a CI step or a Makefile line.
 */
import { parse as parseYaml } from 'yaml';
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, TypeCheckFacts } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { TYPECHECK_CMD } from './test-tooling.js';

const CHECKER_DEPS = new Set(['mypy', 'pyright', 'basedpyright', 'pytype', 'pyre-check']);
const MIN_PARAMS = 20;
const MIN_SHARE = 0.6;

export function pythonTyping(repo: RepoContext, facts: FactMap): Pick<TypeCheckFacts, 'pythonCheckers' | 'typedPython'> {
  const checkers: Evidence[] = [];
  for (const d of facts.dependencies) if (CHECKER_DEPS.has(d.name)) checkers.push({ ...d.evidence, note: `${d.name} dependency` });
  for (const f of repo.discovery.files) {
    const base = f.path.slice(f.path.lastIndexOf('/') + 1);
    if (base === 'mypy.ini' || base === '.mypy.ini' || base === 'pyrightconfig.json') checkers.push(repo.ev(f.path, 0, { note: 'type checker configuration' }));
    if (base === 'pyproject.toml' || base === 'setup.cfg' || base === 'tox.ini') {
      const i = repo.lines(f.path).findIndex((l) => /^\s*\[(tool\.(mypy|pyright|basedpyright|pytype)|mypy)(\]|\.|-)/.test(l));
      if (i >= 0) checkers.push(repo.ev(f.path, i + 1));
    }
    if (base === 'Makefile') {
      const i = repo.lines(f.path).findIndex((l) => /^\t.*\b(mypy|pyright|basedpyright)\b/.test(l));
      if (i >= 0) checkers.push(repo.ev(f.path, i + 1));
    }
    if (base === '.pre-commit-config.yaml' || base === '.pre-commit-config.yml') {
      try {
        const doc = parseYaml(repo.read(f.path) ?? '') as { repos?: { hooks?: { id?: string }[] }[] } | null;
        const hook = (doc?.repos ?? []).flatMap((r) => r.hooks ?? []).find((h) => /^(mypy|pyright|basedpyright)$/.test(h.id ?? ''));
        if (hook) {
          const i = repo.lines(f.path).findIndex((l) => new RegExp(`id:\\s*${hook.id}\\b`).test(l));
          checkers.push(repo.ev(f.path, i + 1, { note: 'pre-commit hook' }));
        }
      } catch {
        repo.errors.push({ path: f.path, message: 'unreadable pre-commit configuration' });
      }
    }
  }
  for (const c of facts.ciConfigs) for (const j of c.jobs) for (const s of j.steps) if (/\b(mypy|pyright|basedpyright|pytype)\b/.test(s.run) && TYPECHECK_CMD.test(s.run) && !/\b(install|add)\b/.test(s.run)) checkers.push(s.evidence);

  const byService = new Map<string, { total: number; annotated: number }>();
  for (const f of repo.discovery.files) {
    if (f.language !== 'python' || f.role !== 'app') continue;
    const model = repo.models.get(f.path);
    if (!model) continue;
    const tally = byService.get(f.service) ?? { total: 0, annotated: 0 };
    for (const fn of model.functions)
      for (const p of fn.params) {
        if (p.name === 'self' || p.name === 'cls' || p.name.startsWith('*')) continue;
        tally.total++;
        if (p.annotation) tally.annotated++;
      }
    byService.set(f.service, tally);
  }
  const typedPython: TypeCheckFacts['typedPython'] = [];
  for (const [service, t] of byService) {
    if (t.total < MIN_PARAMS || t.annotated / t.total < MIN_SHARE) continue;
    const root = facts.services.find((s) => s.dir === service);
    const manifest = root?.manifests.find((m) => m === 'pyproject.toml') ?? root?.manifests[0];
    const path = manifest ? (service === '' ? manifest : `${service}/${manifest}`) : (service || '.');
    typedPython.push({ service, annotated: t.annotated, total: t.total, anchor: repo.ev(path, 0, { note: `${t.annotated} of ${t.total} parameters annotated, no type checker` }) });
  }
  return { pythonCheckers: checkers, typedPython };
}
