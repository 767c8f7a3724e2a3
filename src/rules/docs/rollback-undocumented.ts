import { defineRule } from '../../core/rule.js';
import { docTopicCheck } from '../../core/rule-support/doc-topics.js';

/** A rollback procedure in the repository: a heading about rolling back / reverting a deploy / the previous release, a sentence pairing "roll back" with a deploy, release, image or migration, or a rollback command (helm rollback, kubectl rollout undo, alembic downgrade…) in a fenced block. Platform documentation elsewhere does not count: the procedure must be in the repository. */
export default defineRule({
  meta: {
    id: 'rollback-undocumented',
    area: 'docs',
    severity: 'medium',
    title: "A rollback procedure is documented",
    failureTitle: "No rollback procedure documented",
    why: "When a release breaks production, the fastest fix is usually to go back to the previous one, but only if someone knows how: which command or dashboard button, what happens to migrations already applied, how to confirm it worked. Without a written procedure, the rollback is improvised during the outage and often takes longer than the fix.",
    fix: {
      default: "Add a \"Rollback\" section to the README or runbook: how to redeploy the previous release, what to do with database migrations (backward-compatible migrations or `alembic downgrade -1`), and how to verify the service is healthy afterwards.",
      docker: "Tag every image with the commit SHA and document redeploying the previous tag: `docker compose pull && TAG=<previous-sha> docker compose up -d`.",
      fly: "Document `fly releases` and `fly deploy --image registry.fly.io/<app>:<previous>`.",
      railway: "Document redeploying a previous deployment from the Railway dashboard (Deployments \u2192 \u22ef \u2192 Redeploy) and which migrations are safe to leave applied.",
      render: "Document Render's \"Rollback\" button on a previous deploy and the migration policy.",
      "github-actions": "Document re-running the deploy workflow for the previous tag (`gh workflow run deploy.yml -f ref=v1.4.2`).",
    },
    examples: { good: "## Rollback\n1. `fly releases` to find the last good version.\n2. `fly deploy --image registry.fly.io/api:v41`.\n3. Migrations are backward compatible; do not downgrade unless the release notes say so.", lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docTopics', 'files'],
    confidence: 'medium',
  },
  check(facts) {
    return docTopicCheck(facts, 'rollback', {
      documented: 'rollback procedure documented',
      missing: 'No rollback procedure in the repository documentation',
      note: 'no heading or paragraph about rolling back a release',
    });
  },
});
