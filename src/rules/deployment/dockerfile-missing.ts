import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import { backendTargets, describeService, fixKeyOf, frameworkLabel } from '../../core/rule-support/services.js';
import { dirOf } from '../../core/paths.js';

const related = (a: string, b: string) => a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/**
 * Deployable services: back ends where a web app is created (Next.js apps are left out: Vercel and
 * similar hosts build them with no file in the repository). A service is covered by a production
 * Dockerfile in its folder, a parent folder or a subfolder, or by a platform config that says how it
 * is built (Procfile, railway.json/toml, fly.toml, render.yaml, app.yaml, heroku.yml, cloudbuild,
 * vercel.json, nixpacks.toml / railpack.json / project.toml). Dev-only Dockerfiles do not count.
 */
export default defineRule({
  meta: {
    id: 'dockerfile-missing',
    area: 'deployment',
    severity: 'medium',
    title: 'Every deployable service says how it is built',
    failureTitle: 'A service has no Dockerfile and no platform build config',
    why: 'When neither a Dockerfile nor a platform build file (Procfile, railway.json, fly.toml, render.yaml, app.yaml) is in the repository, the production build lives in someone\'s dashboard or shell history: the runtime version, system packages and start command are unreviewed, differ between environments, and cannot be rebuilt the same way during an incident or a move to another host.',
    fix: {
      default: 'Add a Dockerfile at the service root (or the platform\'s build config) and commit it; build and run it locally once to prove it works.',
      py: 'A minimal one: `FROM python:3.12-slim`, `WORKDIR /app`, `COPY requirements.txt .`, `RUN pip install --no-cache-dir -r requirements.txt`, `COPY . .`, `USER 10001`, `CMD ["gunicorn", "-k", "uvicorn.workers.UvicornWorker", "-b", "0.0.0.0:${PORT:-8000}", "app.main:app"]` (shell form if you use $PORT).',
      node: 'A minimal one: `FROM node:20-alpine`, `WORKDIR /app`, `COPY package*.json ./`, `RUN npm ci --omit=dev`, `COPY . .`, `USER node`, `CMD ["node", "server.js"]`.',
      railway: 'Or commit a railway.json with `build.builder` and `deploy.startCommand`, so the build is reviewed with the code.',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['appEntries', 'files', 'services', 'dockerfiles', 'platformConfigs'],
    confidence: 'medium',
  },
  check(facts) {
    const targets = backendTargets(facts).filter((t) => t.frameworks.length === 0 || t.frameworks.some((f) => f !== 'nextjs'));
    if (targets.length === 0) return notApplicable('no deployable back-end service');
    const dockerfiles = facts.dockerfiles.filter((d) => !d.devOnly && d.stages.length > 0);
    const configs = facts.platformConfigs.filter((c) => c.production && c.platform !== 'compose');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const t of targets) {
      const df = dockerfiles.find((d) => related(dirOf(d.file), t.service));
      if (df) {
        strengths.push(df.stages[df.stages.length - 1].evidence);
        continue;
      }
      const cfg = configs.find((c) => c.build && related(c.dir, t.service));
      if (cfg?.build) {
        strengths.push(cfg.build.evidence);
        continue;
      }
      const devOnly = facts.dockerfiles.filter((d) => d.devOnly && related(dirOf(d.file), t.service));
      const extra = devOnly.length ? ` (only ${devOnly.map((d) => d.file).join(', ')}, which is for development)` : '';
      findings.push({
        message: `The ${frameworkLabel(t)} in ${describeService(t.service)} has no Dockerfile and no platform build config${extra}: how production builds it is not in the repository`,
        evidence: [t.anchor, ...devOnly.map((d) => d.stages[0]?.evidence).filter((e): e is Evidence => !!e)],
        ...(fixKeyOf(t) ? { stack: fixKeyOf(t) } : {}),
      });
    }
    if (findings.length) return fail(findings);
    return pass(`${plural(strengths.length, 'service')} with a committed build definition`, strengths);
  },
});
