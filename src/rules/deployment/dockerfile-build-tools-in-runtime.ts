import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'dockerfile-build-tools-in-runtime',
    area: 'deployment',
    severity: 'low',
    title: 'Runtime images carry no build toolchain',
    failureTitle: 'Compilers or devDependencies ship in the runtime image',
    why: 'Compilers, `-dev` header packages and devDependencies are needed to build, not to run. Left in the final image they add hundreds of megabytes, widen the set of packages with CVEs that scanners report against production, and hand an attacker who gets code execution a ready toolchain. Building in a separate stage (or removing them in the same layer) keeps them out.',
    fix: {
      default: 'Install build tools in a builder stage and copy only the built artifacts into the final stage; or remove them in the same RUN (`apt-get purge -y --auto-remove build-essential`, `apk del .build-deps`).',
      docker: 'Alpine: `RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install -r requirements.txt && apk del .build-deps` keeps them out of the layer.',
      py: 'Build wheels in a builder stage (`pip wheel -w /wheels -r requirements.txt` with build-essential there) and install them in a slim final stage that only has the runtime libraries (e.g. `libpq5`, not `libpq-dev`).',
      node: 'Use `npm ci --omit=dev` in the final stage (or `npm prune --omit=dev` after the build), or set `ENV NODE_ENV=production` before `npm ci`.',
    },
    examples: {
      bad: 'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN pip install -r requirements.txt',
      good: 'FROM python:3.12-slim AS build\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nRUN pip wheel -w /wheels -r requirements.txt\n\nFROM python:3.12-slim\nRUN apt-get update && apt-get install -y libpq5\nCOPY --from=build /wheels /wheels\nRUN pip install --no-cache-dir /wheels/*',
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
      if (img.buildTools.length === 0) {
        strengths.push({ ...img.finalStage, note: 'final image installs no build toolchain' });
        continue;
      }
      for (const t of img.buildTools) {
        findings.push({ message: `${img.file}: the final image keeps ${t.what.startsWith("devDependencies") || t.what.startsWith("the full") ? t.what : `build tools (${t.what})`}`, evidence: [t.evidence, img.finalStage], stack: 'docker' });
      }
    }
    if (findings.length) return fail(findings);
    return pass(`${plural(strengths.length, 'runtime image')} without build tools`, strengths);
  },
});
