import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'dockerfile-cache-order',
    area: 'deployment',
    severity: 'low',
    title: 'Dependencies install before the source is copied',
    failureTitle: 'The whole source is copied before dependencies install',
    why: 'Docker reuses a layer only while everything before it is unchanged. With `COPY . .` ahead of `pip install` / `npm ci`, any edit to any file invalidates the install layer, so every build downloads and compiles all dependencies again: builds take minutes instead of seconds, CI costs more, and hotfixes ship slower.',
    fix: {
      default: 'Copy the dependency manifests first, install, then copy the rest: `COPY requirements.txt .` → `RUN pip install -r requirements.txt` → `COPY . .`.',
      docker: 'Order layers from least to most frequently changed; add a `.dockerignore` so unrelated files do not invalidate `COPY . .` either.',
      py: '`COPY pyproject.toml poetry.lock ./` then `RUN poetry install --no-root --only main`, then `COPY . .` (with uv: `COPY pyproject.toml uv.lock ./` + `RUN uv sync --frozen --no-install-project`).',
      node: '`COPY package.json package-lock.json ./` then `RUN npm ci`, then `COPY . .`.',
    },
    examples: {
      bad: 'WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt',
      good: 'WORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .',
      lang: 'dockerfile',
    },
    effort: 'minutes',
    appliesTo: ['docker'],
    needs: ['dockerImages'],
    confidence: 'high',
  },
  check({ dockerImages }) {
    const built = dockerImages.filter((i) => !i.notBuilt && !i.serviceImage);
    if (built.length === 0) return notApplicable('no production Dockerfile of the application');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const img of built) {
      for (let stage = 0; stage < img.stageCount; stage++) {
        const installs = img.installs.filter((i) => i.stage === stage && i.manifest);
        if (installs.length === 0) continue;
        const copy = img.contextCopies.find((c) => c.stage === stage);
        const first = installs[0];
        if (copy && copy.evidence.line < first.evidence.line) {
          findings.push({ message: `${img.file}: \`${copy.evidence.snippet}\` comes before the dependency install, so every source change reinstalls all dependencies`, evidence: [copy.evidence, first.evidence], stack: 'docker' });
        } else strengths.push({ ...first.evidence, note: copy ? 'dependencies install before the source is copied' : 'only the manifests are copied before this install' });
      }
    }
    if (findings.length) return fail(findings);
    if (strengths.length === 0) return notApplicable('no image installs dependencies from its manifests');
    return pass(`${plural(strengths.length, 'dependency install')} cached independently of source changes`, strengths);
  },
});
