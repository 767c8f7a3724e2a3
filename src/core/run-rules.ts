/** Runs rules against a lazy FactMap and turns their results into check outcomes and findings. */
import type { FactMap } from '../facts/fact-map.js';
import type { Evidence } from './evidence.js';
import { fingerprint } from './fingerprint.js';
import type { FixKey, Rule } from './rule.js';
import type { Area, Effort, Outcome, Severity, StackTag } from './types.js';

export interface CheckOutcome {
  id: string;
  area: Area;
  severity: Severity;
  title: string;
  outcome: Outcome;
  experimental: boolean;
  summary?: string;
  strengths?: Evidence[];
  /** What a report needs to describe the check without importing the rules (SARIF descriptors). */
  defaultSeverity?: Severity;
  failureTitle?: string;
  why?: string;
  /** The fix for the detected stack. */
  fix?: string;
  effort?: Effort;
  confidence?: Rule['meta']['confidence'];
}

export interface RuleFinding {
  checkId: string;
  area: Area;
  severity: Severity;
  title: string;
  message: string;
  /** Why it matters, from the rule's `why`: its first sentence. */
  impact: string;
  evidence: Evidence[];
  fix: string;
  effort: Effort;
  fingerprint: string;
}

export interface RunResult {
  checks: CheckOutcome[];
  findings: RuleFinding[];
}

const PY_STACKS = ['fastapi', 'flask', 'django', 'celery', 'sqlalchemy', 'alembic'];
const NODE_STACKS = ['express', 'fastify', 'nestjs', 'nextjs', 'bullmq', 'prisma'];

/**
 * The fix text for a finding: the stack the rule named, else the one that matches the file the
 * finding points at (a Python secret gets the Python fix even when Docker is detected too), else
 * the first detected stack the rule has a fix for, else the default.
 */
export function fixFor(rule: Rule, stack: FixKey | undefined, detected: readonly string[], file = ''): string {
  const fix = rule.meta.fix as Record<string, string | undefined>;
  const candidates: string[] = stack ? [stack] : [];
  if (/(^|\/)(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i.test(file)) candidates.push('docker');
  else if (/\.py$/.test(file)) candidates.push(...PY_STACKS.filter((s) => detected.includes(s)), 'py');
  else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(file)) candidates.push(...NODE_STACKS.filter((s) => detected.includes(s)), 'node');
  else if (/^\.github\/workflows\//.test(file)) candidates.push('github-actions');
  else if (/\.gitlab-ci\.ya?ml$/.test(file)) candidates.push('gitlab-ci');
  candidates.push(...detected);
  for (const id of candidates) if (fix[id]) return fix[id] as string;
  return rule.meta.fix.default;
}

/** Restricts the fact map to the keys a rule declared, so a rule cannot read what it did not ask for. */
function view(facts: FactMap, needs: readonly string[]): FactMap {
  const out = {} as Record<string, unknown>;
  for (const k of needs) Object.defineProperty(out, k, { enumerable: true, get: () => facts[k as keyof FactMap] });
  return out as unknown as FactMap;
}

/** `timer` (optional) is told when each check starts and ends, for `--timing`. */
export function runRules(
  rules: readonly Rule[],
  facts: FactMap,
  tags: ReadonlySet<StackTag>,
  detectedIds: readonly string[],
  timer?: { begin(key: string): void; end(): void },
): RunResult {
  const checks: CheckOutcome[] = [];
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    const m = rule.meta;
    const base = {
      id: m.id,
      area: m.area,
      severity: m.severity,
      title: m.title,
      experimental: !!m.experimental,
      defaultSeverity: m.severity,
      failureTitle: m.failureTitle,
      why: m.why,
      fix: fixFor(rule, undefined, detectedIds),
      effort: m.effort,
      confidence: m.confidence,
    };
    const applies = m.appliesTo.includes('any') || m.appliesTo.some((t) => tags.has(t));
    if (!applies) {
      checks.push({ ...base, outcome: 'na', summary: `No ${m.appliesTo.join('/')} stack detected` });
      continue;
    }
    let result;
    timer?.begin(`check:${m.id}`);
    try {
      result = rule.check(view(facts, m.needs));
    } catch (e) {
      checks.push({ ...base, outcome: 'error', summary: e instanceof Error ? e.message : String(e) });
      continue;
    } finally {
      timer?.end();
    }
    if (result.outcome === 'na') {
      checks.push({ ...base, outcome: 'na', summary: result.reason });
    } else if (result.outcome === 'pass') {
      checks.push({ ...base, outcome: 'pass', summary: result.summary, strengths: result.strengths });
    } else {
      // A failed check weighs as its worst finding: raised (credentials → critical) or lowered
      // (only optional variables undocumented → low).
      const worst = result.findings.map((f) => f.severity ?? m.severity).reduce((acc, s) => (rank(s) < rank(acc) ? s : acc));
      checks.push({ ...base, severity: worst, outcome: 'fail', summary: m.failureTitle });
      const impact = firstSentence(m.why);
      for (const f of result.findings) {
        const primary = f.evidence[0];
        findings.push({
          checkId: m.id,
          area: m.area,
          severity: f.severity ?? m.severity,
          title: m.failureTitle,
          message: f.message,
          impact,
          evidence: f.evidence,
          fix: fixFor(rule, f.stack, detectedIds, primary?.file),
          effort: m.effort,
          fingerprint: fingerprint(m.id, primary?.file ?? '', primary?.snippet ?? '', primary?.note ?? f.message),
        });
      }
    }
  }
  return { checks, findings };
}

const ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
function rank(s: Severity): number {
  return ORDER.indexOf(s);
}

function firstSentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(t);
  return m ? m[1] : t;
}
