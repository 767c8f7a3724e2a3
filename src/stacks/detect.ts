/** Stack detection with evidence: "FastAPI — backend/requirements.txt:3". */
import type { Evidence } from '../core/evidence.js';
import type { StackTag } from '../core/types.js';
import type { DetectedStack, FactMap } from '../facts/fact-map.js';
import type { RepoContext } from '../facts/repo.js';
import { STACKS } from './catalog.js';

export function detectStacks(repo: RepoContext, facts: FactMap): DetectedStack[] {
  const deps = facts.dependencies;
  const out: DetectedStack[] = [];
  for (const def of STACKS) {
    const evidence: Evidence[] = [];
    for (const d of deps) {
      if ((d.ecosystem === 'npm' && def.npm?.includes(d.name)) || (d.ecosystem === 'pypi' && def.pypi?.includes(d.name))) {
        evidence.push(d.evidence);
      }
    }
    if (def.files) {
      for (const f of repo.discovery.files) {
        if (f.role === 'fixture' || f.role === 'test') continue;
        if (def.files.some((re) => re.test(f.path))) evidence.push(repo.ev(f.path, 1));
        if (evidence.length > 5) break;
      }
    }
    if (evidence.length === 0 && def.imports) {
      outer: for (const model of repo.models.values()) {
        for (const imp of model.imports) {
          if (def.imports.some((m) => imp.module === m || imp.module.startsWith(`${m}.`) || imp.module.startsWith(`${m}/`))) {
            evidence.push(repo.ev(model.file, imp.line));
            break outer;
          }
        }
      }
    }
    if (evidence.length > 0) out.push({ id: def.id, title: def.title, tags: def.tags, evidence: evidence.slice(0, 3) });
  }
  return out;
}

/** The stack families present: what rule applicability is decided on. `any` is always present. */
export function stackTags(stacks: readonly DetectedStack[], repo: RepoContext): Set<StackTag> {
  const tags = new Set<StackTag>(['any']);
  for (const s of stacks) for (const t of s.tags) tags.add(t);
  // Code in a language is enough to claim its family even without a manifest (scripts, monorepos).
  const frontend = new Set(repo.discovery.services.filter((s) => s.kind === 'frontend').map((s) => s.dir));
  for (const f of repo.discovery.files) {
    if (f.role !== 'app' || frontend.has(f.service)) continue;
    if (f.language === 'python') tags.add('py');
    else if (f.language === 'typescript' || f.language === 'javascript') tags.add('node');
  }
  return tags;
}
