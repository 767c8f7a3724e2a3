/**
 * Secret comparisons (timing-unsafe-compare): `==` / `===` on tokens, signatures, API keys and
 * digests leaks, through response time, how many leading characters matched. Comparisons come
 * prefiltered from the code model (code/comparisons.ts); a side that is a literal (`""`, `None`,
 * `null`, a number) makes it a presence check, not a secret comparison. Credit: a constant-time
 * compare anywhere in application code.
 */
import type { CodeModel } from '../code/model.js';
import type { FactMap, SecurityScan } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { looksRandom } from './secret-patterns.js';

const CONSTANT_TIME = /(^|\.)(compare_digest|timingSafeEqual|constant_time_compare|safeCompare|timingSafeCompare|secureCompare)$/;
const LITERAL = new Set(['string', 'none', 'number', 'bool']);
const EQUALITY_METHOD = /^(__eq__|__ne__|equals|isEqual)$/;
const OWN = /^(self|other|this)\./;

export function collectUnsafeCompares(repo: RepoContext, _facts: FactMap): SecurityScan {
  const out: SecurityScan = { issues: [], safe: [] };
  const prog = programFor(repo);
  for (const m of repo.models.values()) {
    if (repo.file(m.file)?.role !== 'app') continue;
    const py = m.language === 'python';
    for (const c of m.comparisons) {
      if (c.topic !== 'secret' || LITERAL.has(c.leftKind) || LITERAL.has(c.rightKind)) continue;
      // Object equality (`__eq__`, two instances' own tokens) compares server-held values: no
      // attacker times it.
      if (EQUALITY_METHOD.test(m.functions[c.fn]?.name ?? '') || (OWN.test(c.left) && OWN.test(c.right))) continue;
      // A named constant holding a plain word (`CONSTRAINT_TOKEN_USER = '$user'`) is a literal by another name.
      if (plainConstant(prog, m, c.left) || plainConstant(prog, m, c.right)) continue;
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

/**
 * An UPPER_CASE constant (module level, imported, or a class attribute read through `self.` / `this.`)
 * bound to a string literal that is no credential: `REQUEST_TOKEN = 'request'`. A random-looking
 * literal is a hard-coded secret compared with ==, and stays reported.
 */
function plainConstant(prog: Program, m: CodeModel, side: string): boolean {
  const own = /^(?:self|cls|this)\.([A-Z][A-Z0-9_]*)$/.exec(side);
  let value;
  if (own) value = m.assignments.find((a) => a.scope === 'class' && a.target === own[1])?.value;
  else if (/^[A-Z][A-Z0-9_]*$/.test(side)) {
    const sym = prog.resolveName(m.file, side);
    value = sym?.kind === 'value' ? sym.assignment.value : undefined;
  }
  return value?.kind === 'string' && !looksRandom(value.value ?? '');
}
