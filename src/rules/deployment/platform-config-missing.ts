import type { Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding, type FixKey } from '../../core/rule.js';
import type { PlatformTarget } from '../../facts/fact-map.js';

type Platform = PlatformTarget['platform'];

const NAMES: Record<Platform, { title: string; files: string; fix?: FixKey }> = {
  railway: { title: 'Railway', files: 'railway.json / railway.toml', fix: 'railway' },
  fly: { title: 'Fly.io', files: 'fly.toml', fix: 'fly' },
  render: { title: 'Render', files: 'render.yaml', fix: 'render' },
  'app-engine': { title: 'App Engine', files: 'app.yaml' },
  heroku: { title: 'Heroku', files: 'Procfile / app.json / heroku.yml' },
  'cloud-run': { title: 'Cloud Run', files: 'cloudbuild.yaml / service.yaml or a deploy step' },
};

/**
 * A platform is targeted when code or an env template uses its own variables, a CI step deploys to
 * it, or the docs give its deploy command / a "Deploy to X" heading (platform-targets.ts). Its config
 * counts wherever it is in the repository. For Cloud Run a CI step that runs `gcloud run deploy`
 * carries the service settings as flags, so it counts as the config.
 */
export default defineRule({
  meta: {
    id: 'platform-config-missing',
    area: 'deployment',
    severity: 'low',
    title: 'Platform settings are committed as config',
    failureTitle: 'A deployment platform is used but its config file is missing',
    why: 'When the platform settings (builder, start command, health check, restart policy, replicas) live only in a dashboard, nobody reviews them, they drift between environments, and a new environment or a disaster recovery has to be clicked together from memory. The config file puts them next to the code they deploy, in version control.',
    fix: {
      default: 'Commit the platform\'s config file at the service root with the builder, start command, health check path and restart policy you use today.',
      railway: 'railway.json: `{ "build": { "builder": "DOCKERFILE" }, "deploy": { "startCommand": "…", "healthcheckPath": "/health", "restartPolicyType": "ON_FAILURE" } }`.',
      fly: 'Run `fly launch --no-deploy` (or `fly config save -a <app>`) to write fly.toml, then commit it.',
      render: 'Export a Blueprint: render.yaml with `services: - type: web, name, runtime, buildCommand, startCommand, healthCheckPath`.',
    },
    effort: 'minutes',
    appliesTo: ['any'],
    needs: ['platformTargets', 'platformConfigs'],
    confidence: 'medium',
  },
  check({ platformTargets, platformConfigs }) {
    const present = new Set<string>(platformConfigs.map((c) => c.platform));
    if (platformTargets.some((t) => t.platform === 'cloud-run' && t.how === 'ci')) present.add('cloud-run');
    const platforms = [...new Set(platformTargets.map((t) => t.platform))];
    const findings: Finding[] = [];
    for (const p of platforms) {
      if (present.has(p)) continue;
      const signals = platformTargets.filter((t) => t.platform === p).map((t) => t.evidence);
      const n = NAMES[p];
      findings.push({ message: `${n.title} is targeted (${plural(signals.length, 'reference')}) but no ${n.files} is committed`, evidence: signals, ...(n.fix ? { stack: n.fix } : {}) });
    }
    if (findings.length) return fail(findings);
    const strengths: Evidence[] = [];
    for (const c of platformConfigs) {
      if (c.platform === 'compose' || c.platform === 'buildpack' || c.platform === 'vercel') continue;
      if (!strengths.some((s) => s.file === c.file)) strengths.push(c.evidence);
    }
    if (strengths.length === 0) return notApplicable('no deployment platform targeted');
    return pass(`platform config committed: ${[...new Set(strengths.map((s) => s.file))].join(', ')}`, strengths);
  },
});
