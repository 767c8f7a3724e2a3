import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { PlatformConfig } from '../../facts/fact-map.js';
import { dirOf } from '../../core/paths.js';

const related = (a: string, b: string) => a === b || a === '' || b === '' || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/** A platform config that health-checks what this Dockerfile builds: it names the Dockerfile, or deploys its folder. */
function platformCheck(file: string, configs: readonly PlatformConfig[]): Evidence | null {
  const named = configs.find((c) => c.production && c.healthcheck && c.build?.kind === 'dockerfile' && c.build.dockerfile === file);
  if (named?.healthcheck) return named.healthcheck;
  const near = configs.find((c) => c.production && c.healthcheck && c.platform !== 'compose' && related(c.dir, dirOf(file)));
  return near?.healthcheck ?? null;
}

export default defineRule({
  meta: {
    id: 'dockerfile-healthcheck-missing',
    area: 'deployment',
    severity: 'low',
    title: 'Images or their platform define a health check',
    failureTitle: 'Image has no HEALTHCHECK and no platform health check',
    why: 'Without a health check, Docker, Swarm and compose consider a container healthy as soon as its process exists: a server stuck on a dead database connection or a deadlocked worker keeps receiving traffic and is never restarted. A `HEALTHCHECK` (or the platform\'s own health check) turns "process is up" into "the app answers", which restarts and rolling deploys rely on.',
    fix: {
      default: 'Add a `HEALTHCHECK` to the final stage that calls the app\'s health endpoint, or configure the platform\'s health check (Railway `healthcheckPath`, Fly `[[http_service.checks]]`, Render `healthCheckPath`, Kubernetes probes).',
      docker: 'In the final stage: `HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:${PORT:-8000}/health || exit 1` (use `wget -qO-` on Alpine, or a tiny Python/Node script on distroless images).',
      py: 'Slim Python images have no curl: `HEALTHCHECK CMD python -c "import urllib.request,sys; urllib.request.urlopen(\'http://127.0.0.1:8000/health\', timeout=3)" || exit 1`.',
      node: 'On node:alpine: `HEALTHCHECK CMD wget -q -O /dev/null http://127.0.0.1:3000/healthz || exit 1`.',
      railway: 'Set `"healthcheckPath": "/health"` under `deploy` in railway.json: Railway ignores the Dockerfile HEALTHCHECK.',
      fly: 'Add `[[http_service.checks]]` with `path = "/health"`, `interval = "15s"`, `timeout = "5s"` to fly.toml.',
    },
    examples: { bad: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "app:app"]', good: 'FROM python:3.12-slim\nCOPY . /app\nHEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\')"\nCMD ["gunicorn", "app:app"]', lang: 'dockerfile' },
    effort: 'minutes',
    appliesTo: ['docker'],
    needs: ['dockerfiles', 'dockerImages', 'platformConfigs'],
    confidence: 'high',
  },
  check({ dockerfiles, dockerImages, platformConfigs }) {
    const built = dockerImages.filter((i) => !i.notBuilt && !i.serviceImage);
    if (built.length === 0) return notApplicable('no production Dockerfile of the application');
    const byFile = new Map(dockerfiles.map((d) => [d.file, d]));
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const img of built) {
      const d = byFile.get(img.file);
      if (!d) continue;
      if (d.healthcheck) {
        strengths.push(d.healthcheck);
        continue;
      }
      const platform = platformCheck(img.file, platformConfigs);
      if (platform) {
        strengths.push({ ...platform, note: `health check for ${img.file}` });
        continue;
      }
      findings.push({ message: `${img.file}: no HEALTHCHECK, and no platform config health-checks this service`, evidence: [d.cmd ?? img.finalStage], stack: 'docker' });
    }
    if (findings.length) return fail(findings);
    return pass(`${plural(strengths.length, 'image')} health-checked`, strengths);
  },
});
