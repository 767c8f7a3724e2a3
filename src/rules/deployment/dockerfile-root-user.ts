import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { DockerStage } from '../../facts/fact-map.js';

const ROOT = /^(root|0)(:(root|0))?$/i;

/** The user the final image runs as: the last USER in the final stage or, failing that, in the stages it is built FROM. */
function runtimeUser(stages: readonly DockerStage[]): { user: Evidence | null; name: string | null; base: DockerStage } {
  let i = stages.length - 1;
  const seen = new Set<number>();
  while (i >= 0 && !seen.has(i)) {
    seen.add(i);
    const s = stages[i];
    if (s.user) return { user: s.user, name: s.userName, base: s };
    const ref = s.image.toLowerCase();
    const parent = stages.slice(0, i).map((x, j) => ({ x, j })).reverse().find(({ x }) => x.name?.toLowerCase() === ref);
    if (!parent) return { user: null, name: null, base: s };
    i = parent.j;
  }
  return { user: null, name: null, base: stages[stages.length - 1] };
}

/**
 * Bases whose default user is not root: distroless `:nonroot` tags, Chainguard images (except `-dev`),
 * .NET `-chiseled` tags, nginx-unprivileged.
 */
function nonRootBase(s: DockerStage): boolean {
  const image = (s.resolved?.image ?? s.image).toLowerCase();
  const tag = (s.resolved?.tag ?? s.tag ?? '').toLowerCase();
  if (/(^|[-_.])nonroot($|[-_.])/.test(tag) || /(^|-)chiseled($|-)/.test(tag)) return true;
  if (image.startsWith('cgr.dev/chainguard/') && !/(^|-)dev$/.test(tag)) return true;
  return /(^|\/)nginx-unprivileged$/.test(image);
}

/**
 * Database and broker images start as root only to fix volume permissions, then their entrypoint
 * drops to their own user (postgres, mysql, redis…): "the app runs as root" would not be true.
 */
function dropsPrivileges(s: DockerStage): boolean {
  const image = (s.resolved?.image ?? s.image).toLowerCase().replace(/^(docker\.io\/)?(library\/)?/, '');
  return /^(postgres|postgis\/postgis|timescale\/timescaledb(-ha)?|mysql|mariadb|redis|mongo|rabbitmq|memcached|docker\.elastic\.co\/elasticsearch\/elasticsearch|elasticsearch|opensearchproject\/opensearch)$/.test(image);
}

export default defineRule({
  meta: {
    id: 'dockerfile-root-user',
    area: 'deployment',
    severity: 'high',
    title: 'Containers run as a non-root user',
    failureTitle: 'Container runs as root',
    why: 'A process running as root inside the container turns any remote-code-execution bug (a deserialisation flaw, a vulnerable image library) into root in the container, with write access to the whole filesystem and a much shorter path to the host through a kernel or runtime escape. Dropping to an unprivileged user costs two lines and is required by many Kubernetes admission policies (`runAsNonRoot`).',
    fix: {
      default: 'Create an unprivileged user in the final stage and switch to it after copying the application: `RUN useradd --create-home --uid 10001 app` then `USER app`. A `USER` in a builder stage does not carry over to the final image.',
      docker: 'In the final stage: `RUN addgroup --system app && adduser --system --ingroup app app`, `COPY --chown=app:app . .`, then `USER app` before `CMD`. Or use a distroless `:nonroot` base.',
      py: 'For python images: `RUN useradd --create-home --uid 10001 app` and `USER app` after `pip install`, so installed packages stay root-owned and read-only to the app.',
      node: 'The official node images ship a `node` user: `COPY --chown=node:node . .` then `USER node` before `CMD`.',
    },
    examples: {
      bad: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["uvicorn", "app.main:app"]',
      good: 'FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nCOPY --chown=app:app . /app\nUSER app\nCMD ["uvicorn", "app.main:app"]',
      lang: 'dockerfile',
    },
    effort: 'minutes',
    appliesTo: ['docker'],
    needs: ['dockerfiles'],
    confidence: 'high',
  },
  check({ dockerfiles }) {
    const prod = dockerfiles.filter((d) => !d.devOnly && d.stages.length > 0);
    if (prod.length === 0) return notApplicable('no production Dockerfile');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const d of prod) {
      const final = d.stages[d.stages.length - 1];
      const { user, name, base } = runtimeUser(d.stages);
      if (user && name && !ROOT.test(name.trim())) {
        strengths.push(user);
        continue;
      }
      if (!user && nonRootBase(base)) {
        strengths.push({ ...base.evidence, note: 'base image runs as a non-root user' });
        continue;
      }
      if (!user && dropsPrivileges(base)) continue;
      if (user) {
        findings.push({ message: `${d.file}: the final image switches back to root (\`USER ${name}\`)`, evidence: [user, final.evidence], stack: 'docker' });
      } else {
        const builderUsers = d.stages.filter((s) => s !== final && s.user).map((s) => s.user as Evidence);
        const extra = builderUsers.length ? ` (the USER in ${plural(builderUsers.length, 'earlier stage')} does not carry over)` : '';
        findings.push({ message: `${d.file}: the final stage has no USER instruction, so the container runs as root${extra}`, evidence: [final.evidence, ...builderUsers], stack: 'docker' });
      }
    }
    if (findings.length) return fail(findings);
    if (strengths.length === 0) return notApplicable('only database images, which drop root in their entrypoint');
    return pass(`${plural(strengths.length, 'production image')} ${strengths.length === 1 ? 'runs' : 'run'} as a non-root user`, strengths);
  },
});
