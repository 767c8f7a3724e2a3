/**
 * Deploy steps in CI and what checks the deployment afterwards (smoke-test-missing).
 * A deploy is a CI step whose command or action ships a release (flyctl deploy, railway up,
 * gcloud run deploy, kubectl apply, helm upgrade, vercel --prod, serverless deploy, a Render deploy
 * hook…). A smoke check is a later step of the same job, or a step of a job named for smoke /
 * health / verification in the same workflow, that requests the deployment (curl, wget, httpie,
 * wait-on, newman) or runs something named "smoke".
 */
import type { Evidence } from '../../core/evidence.js';
import type { CiConfig, CiStep } from '../fact-map.js';

const DEPLOY_CMD =
  /\b(fly(ctl)?\s+deploy|railway\s+(up|deploy)|gcloud\s+(run|app|functions)\s+deploy|kubectl\s+(apply|set\s+image|rollout\s+restart)|helm\s+(upgrade|install)|vercel\b.*(--prod|deploy)|netlify\s+deploy\b.*--prod|serverless\s+deploy|sls\s+deploy|aws\s+ecs\s+update-service|eb\s+deploy|heroku\s+(container:release|deploy)|git\s+push\s+\S*heroku|docker\s+stack\s+deploy|render\s+deploys?\s+create|api\.render\.com\/deploy)/;
const DEPLOY_ACTION = /^(superfly\/flyctl-actions|google-github-actions\/deploy-(cloudrun|appengine)|amondnet\/vercel-action|akhileshns\/heroku-deploy|aws-actions\/amazon-ecs-deploy-task-definition|azure\/webapps-deploy|bervProject\/railway-deploy|johnbeynon\/render-deploy-action)(@|$)/i;
const SMOKE_CMD = /(^|[\s/|;&(])(curl|wget|http|https|httpie|wait-on|newman|hurl)\s|smoke/i;
const SMOKE_NAME = /smoke|health|verify|verification|post[-_ ]?deploy/i;

/** Notifications are requests too, but they check nothing. */
const NOTIFY = /webhook|hooks\.slack|slack\.com|discord|telegram|-X\s*POST|--request\s+POST|--data\b|\s-d\s/i;

function checksDeployment(s: CiStep): boolean {
  return (SMOKE_CMD.test(s.run) && !NOTIFY.test(s.run)) || (SMOKE_NAME.test(s.name) && !NOTIFY.test(s.run) && !!(s.run || s.uses));
}

function isDeploy(s: CiStep): boolean {
  // A dry run or a diff does not ship.
  if (/--dry-run|\bdiff\b|--help/.test(s.run)) return false;
  return DEPLOY_CMD.test(s.run) || (!!s.uses && DEPLOY_ACTION.test(s.uses));
}

export function ciDeploysAndSmoke(configs: readonly CiConfig[]): { deploys: Evidence[]; smoke: Evidence[] } {
  const deploys: Evidence[] = [];
  const smoke: Evidence[] = [];
  for (const c of configs) {
    const deployJobs = c.jobs.filter((j) => j.steps.some(isDeploy));
    for (const j of c.jobs) {
      const first = j.steps.findIndex(isDeploy);
      if (first >= 0) deploys.push(...j.steps.filter(isDeploy).map((s) => s.evidence));
      // Steps after the deploy in the same job.
      if (first >= 0)
        for (const s of j.steps.slice(first + 1)) if (!isDeploy(s) && checksDeployment(s)) smoke.push({ ...s.evidence, note: 'after deploy' });
      // A job of its own, in a workflow that deploys.
      if (first < 0 && deployJobs.length > 0 && SMOKE_NAME.test(j.name))
        for (const s of j.steps) if ((SMOKE_CMD.test(s.run) && !NOTIFY.test(s.run)) || (s.uses && /playwright|cypress|smoke|health/i.test(s.uses)) || s.runsTests) smoke.push({ ...s.evidence, note: `job ${j.name}` });
    }
  }
  return { deploys, smoke };
}
