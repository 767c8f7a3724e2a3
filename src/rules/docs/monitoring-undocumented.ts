import { defineRule } from '../../core/rule.js';
import { docTopicCheck } from '../../core/rule-support/doc-topics.js';

/** Monitoring and alerting set-up: a heading about monitoring, alerting, uptime, SLOs or observability (or a named tool: Grafana, Datadog, Prometheus, Pingdom, Checkly…), a sentence naming an uptime service or where alerts go, or uptime configuration in the repository (a scheduled CI job that requests a health URL, a Checkly / Upptime config, Prometheus alerting rules, an Alertmanager config). */
export default defineRule({
  meta: {
    id: 'monitoring-undocumented',
    area: 'docs',
    severity: 'low',
    title: "Monitoring and alerting are documented",
    failureTitle: "No alerting or uptime monitoring documented",
    why: "If nothing watches the service from outside and nobody knows which alerts exist, users are the monitoring system: outages are found when someone complains. Documenting the uptime checks, dashboards and where alerts are sent is how the team knows it will hear about the next failure first.",
    fix: {
      default: "Set up an uptime check on the health endpoint (Better Stack, UptimeRobot, Checkly, or a scheduled CI job) and add a \"Monitoring\" section to the README or runbook: what is checked, dashboards, alert thresholds and who receives the alerts.",
      "github-actions": "A minimal uptime probe:\n```yaml\non:\n  schedule: [{ cron: \"*/10 * * * *\" }]\njobs:\n  ping:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl --fail --max-time 10 https://api.example.com/health\n```",
    },
    examples: { good: "## Monitoring\n- Uptime: Better Stack checks https://api.example.com/health every minute; alerts go to #ops and the on-call phone.\n- Errors: Sentry project `api`, alert on new issues.\n- Dashboards: Grafana \"API overview\" (latency p95, 5xx rate).", lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docTopics', 'files'],
    confidence: 'medium',
  },
  check(facts) {
    return docTopicCheck(facts, 'monitoring', {
      documented: 'monitoring / alerting documented',
      missing: 'No alerting or uptime check documented in the repository (who is told, and how, when the service is down)',
      note: 'no alerting / uptime-monitoring documentation or uptime-check config',
    });
  },
});
