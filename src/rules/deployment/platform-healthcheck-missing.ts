import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';
import type { PlatformConfig } from '../../facts/fact-map.js';

const FIX: Partial<Record<PlatformConfig['platform'], FixKey>> = { railway: 'railway', fly: 'fly', render: 'render', compose: 'docker' };
const WHAT: Partial<Record<PlatformConfig['platform'], string>> = {
  railway: 'no `healthcheckPath`: Railway switches traffic to a new deploy as soon as the container starts',
  fly: 'no `[[http_service.checks]]` / `[checks]`: Fly routes to machines and rolls deploys without knowing whether the app answers',
  render: 'no `healthCheckPath`: Render cannot tell a hung web service from a healthy one, and zero-downtime deploys switch before the app is ready',
};

/**
 * Judged configs (platform-files.ts): Railway web services, Fly apps serving HTTP, Render web
 * services, and app services of compose files named for production. For compose, a HEALTHCHECK in the
 * Dockerfile the service builds counts, and a restart policy is required too (compose's default is
 * `no`: a crashed container stays down).
 */
export default defineRule({
  meta: {
    id: 'platform-healthcheck-missing',
    area: 'deployment',
    severity: 'medium',
    title: 'The platform health-checks each web service',
    failureTitle: 'Platform config has no health check',
    why: 'The platform decides from its health check when a new deploy may take traffic and when an instance must be restarted. Without one, a release that boots but cannot reach its database goes live and stays live, and a hung process keeps receiving requests until someone notices. It is a one-line setting on every platform.',
    fix: {
      default: 'Declare the health endpoint in the platform config (a cheap route such as `/health` that returns 200 when the app can serve).',
      railway: 'railway.json: `"deploy": { "healthcheckPath": "/health", "healthcheckTimeout": 100 }`.',
      fly: 'fly.toml: `[[http_service.checks]]` with `grace_period = "10s"`, `interval = "15s"`, `method = "GET"`, `path = "/health"`, `timeout = "5s"`.',
      render: 'render.yaml: `healthCheckPath: /health` on the web service.',
      docker: 'compose: `restart: unless-stopped` and `healthcheck: { test: ["CMD", "curl", "-fsS", "http://localhost:8000/health"], interval: 30s, timeout: 5s, retries: 3 }` on the app service.',
    },
    effort: 'minutes',
    appliesTo: ['platform'],
    needs: ['platformConfigs', 'dockerfiles'],
    confidence: 'high',
  },
  check({ platformConfigs, dockerfiles }) {
    const judged = platformConfigs.filter((c) => c.judged && c.production);
    if (judged.length === 0) return notApplicable('no platform config for a web service');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const c of judged) {
      const label = c.name ? `${c.file} (${c.name})` : c.file;
      const stack = FIX[c.platform];
      if (c.platform === 'compose') {
        const image = c.build?.dockerfile ? dockerfiles.find((d) => d.file === c.build?.dockerfile) : undefined;
        const hc = c.healthcheck ?? image?.healthcheck ?? null;
        const missing = [hc ? null : 'no healthcheck', c.restart ? null : 'no restart policy (compose defaults to `no`)'].filter((x): x is string => !!x);
        if (missing.length) findings.push({ message: `${label}: ${missing.join(' and ')}`, evidence: [c.evidence], ...(stack ? { stack } : {}) });
        else strengths.push(hc as Evidence);
        continue;
      }
      if (c.healthcheck) strengths.push(c.healthcheck);
      else findings.push({ message: `${label}: ${WHAT[c.platform] ?? 'no health check'}`, evidence: [c.evidence], ...(stack ? { stack } : {}) });
    }
    if (findings.length) return fail(findings);
    return pass(`${plural(strengths.length, 'service')} health-checked by the platform`, strengths);
  },
});
