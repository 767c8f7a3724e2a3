import { evidenceForFile, type Evidence } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;

/** RUNBOOK.md, docs/operations.md, TROUBLESHOOTING.md, playbooks/db.md, ONCALL.md, runbooks/…. */
const OPERATOR_FILE = /(^|\/)(run-?books?|operations|troubleshooting|play-?books?|on-?call)(\/|\.(md|markdown|mdx)$)/i;
/** Headings that name operator documentation; "Operations" only as the heading's subject, not "Bulk operations". */
const OPERATOR_HEADING = /\b(run-?books?|troubleshoot(ing)?|incident[- ]response|incident[- ]management|on-call|oncall|play-?books?)\b|^(\W*\d*\W*)(operations|operational|operating|ops|on call)\b|\b(and|&)\s+operations\b/i;

export default defineRule({
  meta: {
    id: 'runbook-missing',
    area: 'docs',
    severity: 'high',
    title: 'Operators have a runbook or troubleshooting guide',
    failureTitle: 'No runbook or troubleshooting guide',
    why: 'When the service fails at night, whoever is on call needs to know how to check its health, read its logs, restart it, roll back and reach the database, and the person who knows is often the one asleep. A short runbook turns a long outage into a checklist, and writing it usually exposes the missing health checks and alerts.',
    fix: {
      default: 'Add `docs/RUNBOOK.md` (or a "Troubleshooting" / "Operations" section in the README) covering: where it runs, how to check health and logs, how to restart and roll back, common failures with their fix, and who to escalate to.',
      railway: 'Document the Railway service names, how to view logs (`railway logs`), redeploy a previous deployment from the dashboard, and reach the database (`railway connect`).',
      fly: 'Document `fly status`, `fly logs`, `fly releases` / `fly deploy --image <previous>` for rollback, and `fly ssh console` for access.',
      render: 'Document where the Render service logs and events are, how to roll back to a previous deploy, and how to reach the managed database.',
    },
    examples: { good: '## Runbook\n### API returns 502\n1. Check `/health` and the latest deploy logs.\n2. Roll back to the previous release.\n### Database connections exhausted\n…', lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docs', 'files'],
    confidence: 'medium',
  },
  check({ docs, files }) {
    const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
    if (appCode.length === 0) return notApplicable('no application code to operate');
    const strengths: Evidence[] = [];
    for (const d of docs) {
      if (OPERATOR_FILE.test(d.file)) {
        strengths.push(d.headings[0]?.evidence ?? evidenceForFile(d.file, 'operator documentation'));
        continue;
      }
      for (const h of d.headings) if (OPERATOR_HEADING.test(h.text.trim())) strengths.push(h.evidence);
    }
    if (strengths.length > 0) return pass(`operator documentation found (${plural(strengths.length, 'place')})`, strengths);
    const readme = files.filter((f) => /(^|\/)readme(\.(md|markdown|rst|txt))?$/i.test(f.path) && f.role !== 'fixture' && f.role !== 'test');
    const manifests = files.filter((f) => MANIFEST.test(f.path) && f.role !== 'fixture' && f.role !== 'test');
    const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1);
    const anchor = readme.sort(byDepth)[0]?.path ?? manifests.sort(byDepth)[0]?.path ?? appCode[0].path;
    return fail([
      {
        message: docs.length
          ? `No runbook, troubleshooting or operations guide in ${plural(docs.length, 'Markdown file')}`
          : 'No Markdown documentation at all, so no runbook, troubleshooting or operations guide',
        evidence: [evidenceForFile(anchor, 'no operator documentation anywhere in the repository')],
      },
    ]);
  },
});
