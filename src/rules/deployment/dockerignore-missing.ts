import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'dockerignore-missing',
    area: 'deployment',
    severity: 'medium',
    title: 'Build contexts are filtered by a .dockerignore',
    failureTitle: 'The whole build context is copied with no .dockerignore',
    why: '`COPY . .` copies everything in the build context into the image: `.env` files with real secrets, the `.git` history, local virtualenvs and `node_modules`, test data. Anyone who can pull the image can read them, and the image is larger and rebuilds on every unrelated file change. A `.dockerignore` is the only thing that filters the context.',
    fix: {
      default: 'Add a `.dockerignore` next to the build context root listing at least `.git`, `.env*` (keep `!.env.example`), `node_modules`, `.venv`, `__pycache__`, `*.pyc`, `tests`, `Dockerfile*` and local data folders.',
      docker: 'Or replace `COPY . .` with explicit copies of what the app needs (`COPY src ./src`, `COPY pyproject.toml .`).',
      py: '.dockerignore for Python: `.git`, `.env`, `.venv`, `venv`, `__pycache__`, `*.pyc`, `.pytest_cache`, `.mypy_cache`, `tests/`.',
      node: '.dockerignore for Node: `.git`, `.env*`, `node_modules`, `dist`, `coverage`, `npm-debug.log`.',
    },
    examples: { bad: 'COPY . .   # no .dockerignore: .env and .git go into the image', good: '# .dockerignore\n.git\n.env*\n!.env.example\nnode_modules\n.venv\n__pycache__', lang: 'dockerfile' },
    effort: 'minutes',
    appliesTo: ['docker'],
    needs: ['dockerImages'],
    confidence: 'high',
  },
  check({ dockerImages }) {
    const built = dockerImages.filter((i) => !i.notBuilt);
    if (built.length === 0) return notApplicable('no production Dockerfile');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const img of built) {
      if (img.contextCopies.length === 0) continue;
      if (img.dockerignore) {
        if (!strengths.some((s) => s.file === img.dockerignore?.file)) strengths.push(img.dockerignore);
        continue;
      }
      findings.push({ message: `${img.file}: copies the whole build context with no .dockerignore, so .env files, .git and local artefacts end up in the image`, evidence: img.contextCopies.map((c) => c.evidence), stack: 'docker' });
    }
    if (findings.length) return fail(findings);
    if (strengths.length === 0) return notApplicable('no Dockerfile copies the whole build context');
    return pass(`${plural(strengths.length, '.dockerignore')} filtering the build context`, strengths);
  },
});
