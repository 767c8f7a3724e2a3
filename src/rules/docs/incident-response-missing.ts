import { defineRule } from '../../core/rule.js';
import { docTopicCheck } from '../../core/rule-support/doc-topics.js';

/** An incident / on-call procedure: a heading about incident response, on-call, escalation or postmortems, a sentence about who is on call or where to escalate, or an incident-response / on-call / postmortems file or folder. */
export default defineRule({
  meta: {
    id: 'incident-response-missing',
    area: 'docs',
    severity: 'low',
    title: "An incident response procedure is documented",
    failureTitle: "No incident response or on-call procedure",
    why: "When production breaks, people lose time deciding who leads, who to wake up, where to talk and how to tell users. A short written procedure (severity levels, who is on call, escalation path, status updates, postmortem) makes the response predictable and lets the team learn from each outage.",
    fix: {
      default: "Add `docs/INCIDENT_RESPONSE.md` (or an \"Incident response\" section in the runbook): severity levels, who is on call and how they are paged, the escalation path, where incident communication happens, and a postmortem template.",
    },
    examples: { good: "## Incident response\n- SEV1 (API down): page the on-call engineer via PagerDuty, open #inc-<date> in Slack.\n- Escalate to the platform lead after 30 minutes.\n- Write a blameless postmortem within 5 days.", lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docTopics', 'files'],
    confidence: 'medium',
  },
  check(facts) {
    return docTopicCheck(facts, 'incident', {
      documented: 'incident / on-call procedure documented',
      missing: 'No incident response, on-call or escalation procedure in the repository documentation',
      note: 'no incident / on-call documentation anywhere in the repository',
    });
  },
});
