import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;
const README = /^(\.github\/|docs\/)?readme(\.(md|markdown|mdx|rst|txt|adoc))?$/i;

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
  check({ docTopics, files }) {
    const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
    if (appCode.length === 0) return notApplicable('no application code to operate');
    const found = docTopics.topics.incident;
    if (found.length > 0) return pass(`incident / on-call procedure documented (${plural(found.length, 'place')})`, found.slice(0, 5));
    const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1);
    const usable = files.filter((f) => f.role !== 'fixture' && f.role !== 'test');
    const anchor = usable.filter((f) => README.test(f.path)).sort(byDepth)[0]?.path ?? usable.filter((f) => MANIFEST.test(f.path)).sort(byDepth)[0]?.path ?? [...appCode].sort(byDepth)[0].path;
    return fail([{ message: 'No incident response, on-call or escalation procedure in the repository documentation', evidence: [evidenceForFile(anchor, 'no incident / on-call documentation anywhere in the repository')] }]);
  },
});
