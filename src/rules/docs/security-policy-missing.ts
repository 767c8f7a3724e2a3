import { evidenceForFile } from '../../core/evidence.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

const CODE = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|requirements\.txt|setup\.py|Pipfile)$/;
const README = /^(\.github\/|docs\/)?readme(\.(md|markdown|mdx|rst|txt|adoc))?$/i;

/** A vulnerability reporting path: SECURITY.md (root, .github/ or docs/), .well-known/security.txt, a heading about reporting vulnerabilities / security policy / disclosure, or a plain "Security" heading whose section says where to report (an address, "report", "vulnerability", "disclosure"). */
export default defineRule({
  meta: {
    id: 'security-policy-missing',
    area: 'docs',
    severity: 'low',
    title: "A security policy says how to report vulnerabilities",
    failureTitle: "No security policy or vulnerability reporting path",
    why: "Someone who finds a vulnerability needs a private way to report it; without one, the report lands in a public issue (disclosing it to everyone) or is never sent. A SECURITY.md also tells reporters which versions are supported and how fast you answer.",
    fix: {
      default: "Add `SECURITY.md` at the root (or in `.github/`): supported versions, a private reporting channel (security@ address or GitHub private vulnerability reporting), and the response time to expect.",
      "github-actions": "Enable GitHub private vulnerability reporting (Settings \u2192 Code security) and point to it from `.github/SECURITY.md`.",
    },
    examples: { good: "# Security policy\n\n## Reporting a vulnerability\nEmail security@example.com or use GitHub private vulnerability reporting. We answer within 3 business days.", lang: 'markdown' },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['docTopics', 'files'],
    confidence: 'medium',
  },
  check({ docTopics, files }) {
    const appCode = files.filter((f) => f.role === 'app' && CODE.has(f.language));
    if (appCode.length === 0) return notApplicable('no application code to operate');
    const found = docTopics.topics.security;
    if (found.length > 0) return pass(`vulnerability reporting path documented (${plural(found.length, 'place')})`, found.slice(0, 5));
    const byDepth = (a: { path: string }, b: { path: string }) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1);
    const usable = files.filter((f) => f.role !== 'fixture' && f.role !== 'test');
    const anchor = usable.filter((f) => README.test(f.path)).sort(byDepth)[0]?.path ?? usable.filter((f) => MANIFEST.test(f.path)).sort(byDepth)[0]?.path ?? [...appCode].sort(byDepth)[0].path;
    return fail([{ message: 'No SECURITY.md or vulnerability reporting section', evidence: [evidenceForFile(anchor, 'no SECURITY.md or "Reporting a vulnerability" section')] }]);
  },
});
