/**
 * Evidence that the repository deploys to a given platform, whether or not its config file exists:
 * the platform's own environment variables read by code or listed in an env template
 * (RAILWAY_ENVIRONMENT, FLY_APP_NAME, RENDER_EXTERNAL_URL, K_SERVICE, GAE_ENV, DYNO), deploy commands
 * in CI steps (`railway up`, `flyctl deploy`, `gcloud app deploy`, `git push heroku`), and the same
 * commands or a "Deploy to X" heading in the Markdown docs. A passing mention ("works on any host
 * such as Fly") is none of these, so it does not count.
 */
import type { FactMap, PlatformTarget } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

type Platform = PlatformTarget['platform'];

const ENV: [Platform, RegExp][] = [
  ['railway', /^RAILWAY_[A-Z_]+$/],
  ['fly', /^FLY_(APP_NAME|REGION|ALLOC_ID|MACHINE_ID|PUBLIC_IP|PRIVATE_IP|IMAGE_REF|PROCESS_GROUP|MACHINE_VERSION|VM_MEMORY_MB)$/],
  ['render', /^(RENDER|RENDER_(EXTERNAL_URL|EXTERNAL_HOSTNAME|SERVICE_ID|SERVICE_NAME|SERVICE_TYPE|GIT_COMMIT|GIT_BRANCH|GIT_REPO_SLUG|INSTANCE_ID|DISCOVERY_SERVICE))$/],
  ['cloud-run', /^(K_SERVICE|K_REVISION|K_CONFIGURATION|CLOUD_RUN_JOB|CLOUD_RUN_EXECUTION)$/],
  ['app-engine', /^GAE_(APPLICATION|ENV|SERVICE|VERSION|INSTANCE|RUNTIME|DEPLOYMENT_ID)$/],
  ['heroku', /^(DYNO|HEROKU_(APP_NAME|APP_ID|RELEASE_VERSION|SLUG_COMMIT|DYNO_ID))$/],
];

/** Deploy commands, as they appear in shell lines, CI steps and docs code blocks. */
const COMMANDS: [Platform, RegExp][] = [
  ['railway', /\brailway\s+(up|deploy|link)\b/],
  ['fly', /\b(fly|flyctl)\s+(deploy|launch)\b/],
  ['render', /\brender\.com\/deploy\b/],
  ['cloud-run', /\bgcloud\s+(beta\s+)?run\s+deploy\b/],
  ['app-engine', /\bgcloud\s+app\s+deploy\b/],
  ['heroku', /\bgit\s+push\s+heroku\b|\bheroku\s+(create|container:push|container:release)\b/],
];

const HEADING: [Platform, RegExp][] = [
  ['railway', /\brailway\b/i],
  ['fly', /\bfly(\.io)?\b/i],
  ['render', /\brender(\.com)?\b/i],
  ['cloud-run', /\bcloud\s+run\b/i],
  ['app-engine', /\bapp\s+engine\b/i],
  ['heroku', /\bheroku\b/i],
];
const DEPLOY_HEADING = /\bdeploy(ing|ment)?\b.*\b(to|on|with|via)\b/i;

/** CI actions that deploy to a platform: the action's inputs are the config, except Fly's (it runs flyctl, which reads fly.toml). */
const ACTIONS: [Platform, RegExp][] = [
  ['fly', /^superfly\/flyctl-actions\b/],
  ['heroku', /^akhileshns\/heroku-deploy\b/],
];

export function collectPlatformTargets(repo: RepoContext, facts: FactMap): PlatformTarget[] {
  const out: PlatformTarget[] = [];
  const seen = new Set<string>();
  const add = (platform: Platform, t: Omit<PlatformTarget, 'platform'>) => {
    const key = `${platform}:${t.evidence.file}:${t.evidence.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ platform, ...t });
  };
  for (const r of facts.envReads) {
    const role = repo.file(r.evidence.file)?.role;
    if (role !== 'app' && role !== 'config' && role !== 'script') continue;
    for (const [p, re] of ENV) if (re.test(r.name)) add(p, { evidence: r.evidence, how: 'env read' });
  }
  for (const t of facts.envTemplates) for (const v of t.vars) for (const [p, re] of ENV) if (re.test(v.name)) add(p, { evidence: v.evidence, how: 'env template' });
  for (const c of facts.ciConfigs) {
    for (const j of c.jobs) {
      for (const s of j.steps) {
        for (const [p, re] of COMMANDS) if (re.test(s.run)) add(p, { evidence: s.evidence, how: 'ci' });
        for (const [p, re] of ACTIONS) if (s.uses && re.test(s.uses)) add(p, { evidence: s.evidence, how: 'ci' });
      }
    }
  }
  for (const d of facts.docs) {
    for (const h of d.headings) {
      if (!DEPLOY_HEADING.test(h.text)) continue;
      for (const [p, re] of HEADING) if (re.test(h.text)) add(p, { evidence: h.evidence, how: 'docs' });
    }
    // Docs are prose: commands are matched line by line as plain text.
    repo.lines(d.file).forEach((line, i) => {
      for (const [p, re] of COMMANDS) if (re.test(line)) add(p, { evidence: repo.ev(d.file, i + 1), how: 'docs' });
    });
  }
  return out;
}
