import { defineRule } from '../../core/rule.js';
import { docTopicCheck } from '../../core/rule-support/doc-topics.js';

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
  check(facts) {
    return docTopicCheck(facts, 'security', {
      documented: 'vulnerability reporting path documented',
      missing: 'No SECURITY.md or vulnerability reporting section',
      note: 'no SECURITY.md or "Reporting a vulnerability" section',
    });
  },
});
