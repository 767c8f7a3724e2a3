/**
 * Secret comparisons (timing-unsafe-compare): `==` / `===` on tokens, signatures, API keys and
 * digests leaks, through response time, how many leading characters matched. Comparisons come
 * prefiltered from the code model (code/comparisons.ts); a side that is a literal (`""`, `None`,
 * `null`, a number) makes it a presence check, not a secret comparison. Credit: a constant-time
 * compare anywhere in application code.
 */
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const CONSTANT_TIME = /(^|\.)(compare_digest|timingSafeEqual|constant_time_compare|safeCompare|timingSafeCompare|secureCompare)$/;
const LITERAL = new Set(['string', 'none', 'number', 'bool']);
const EQUALITY_METHOD = /^(__eq__|__ne__|equals|isEqual)$/;
const OWN = /^(self|other|this)\./;

export function collectUnsafeCompares(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  for (const m of repo.models.values()) {
    if (repo.file(m.file)?.role !== 'app') continue;
    const py = m.language === 'python';
    for (const c of m.comparisons) {
      if (c.topic !== 'secret' || LITERAL.has(c.leftKind) || LITERAL.has(c.rightKind)) continue;
      // Object equality (`__eq__`, two instances' own tokens) compares server-held values: no
      // attacker times it.
      if (EQUALITY_METHOD.test(m.functions[c.fn]?.name ?? '') || (OWN.test(c.left) && OWN.test(c.right))) continue;
      out.issues.push({
        evidence: repo.ev(m.file, c.line),
        message: `\`${c.left} ${c.op} ${c.right}\` compares a secret with ${c.op}: the time it takes reveals how much of the value matched`,
        stack: py ? 'py' : 'node',
      });
    }
    for (const call of m.calls) if (CONSTANT_TIME.test(call.callee)) out.safe.push(repo.ev(m.file, call.line));
  }
  return out;
}
