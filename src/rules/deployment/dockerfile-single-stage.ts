import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'dockerfile-single-stage',
    area: 'deployment',
    severity: 'low',
    title: 'Images build in a separate stage from the one that runs',
    failureTitle: 'Single-stage image installs or builds in the runtime image',
    why: 'When dependencies are installed or code is built in the only stage, everything that step needed stays in the shipped image: package-manager caches, compilers pulled in for native wheels or node-gyp, source maps and build inputs. Images grow by hundreds of megabytes, pull and start slower on every deploy and autoscale, and carry more packages for scanners to flag. A builder stage keeps the runtime image to what the app needs.',
    fix: {
      default: 'Split the Dockerfile: a `builder` stage installs dependencies and builds, the final stage starts from a slim base and copies only the results (`COPY --from=builder …`).',
      docker: 'FROM python:3.12-slim AS builder → `RUN pip wheel --wheel-dir /wheels -r requirements.txt`; FROM python:3.12-slim → `COPY --from=builder /wheels /wheels` and `RUN pip install --no-cache-dir /wheels/*`.',
      py: 'Build a virtualenv in the builder (`python -m venv /venv && /venv/bin/pip install -r requirements.txt`) and `COPY --from=builder /venv /venv` into the runtime stage.',
      node: 'Builder: `npm ci && npm run build && npm prune --omit=dev`; runtime: `COPY --from=builder /app/node_modules ./node_modules` and `COPY --from=builder /app/dist ./dist`.',
    },
    examples: {
      bad: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/server.js"]',
      good: 'FROM node:20-alpine AS build\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build && npm prune --omit=dev\n\nFROM node:20-alpine\nWORKDIR /app\nCOPY --from=build /app/node_modules ./node_modules\nCOPY --from=build /app/dist ./dist\nCMD ["node", "dist/server.js"]',
      lang: 'dockerfile',
    },
    effort: 'hours',
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
      if (img.stageCount > 1) {
        strengths.push({ ...img.finalStage, note: `final stage of ${img.stageCount}` });
        continue;
      }
      const steps = [...img.installs.map((i) => i.evidence), ...img.builds.map((b) => b.evidence)].sort((a, b) => a.line - b.line);
      const unique = steps.filter((e, i) => steps.findIndex((x) => x.line === e.line) === i);
      if (unique.length === 0) continue;
      const what = img.builds.length && img.installs.length ? 'installs dependencies and builds' : img.builds.length ? 'builds the code' : 'installs dependencies';
      findings.push({ message: `${img.file}: one stage ${what} and then runs, so the install and build leftovers ship in the image (${plural(unique.length, 'step')})`, evidence: [img.finalStage, ...unique], stack: 'docker' });
    }
    if (findings.length) return fail(findings);
    if (strengths.length === 0) return notApplicable('no image installs dependencies or builds code');
    return pass(`${plural(strengths.length, 'image')} built in multiple stages`, strengths);
  },
});
