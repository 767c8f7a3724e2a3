/**
 * The rule contract. A rule is one file per check id: metadata plus a pure, synchronous `check()`
 * over the facts it declares. It never reads files, never parses, never prints, and never branches
 * on the framework: that knowledge lives in extractors.
 */
import type { FactKey, FactMap } from '../facts/fact-map.js';
import type { Evidence } from './evidence.js';
import type { Area, Effort, Severity, StackTag } from './types.js';

/** Stack ids a fix text can be tailored to (checked by the meta-test against src/stacks). */
export type FixKey =
  | 'default'
  | 'fastapi'
  | 'flask'
  | 'django'
  | 'express'
  | 'fastify'
  | 'nestjs'
  | 'nextjs'
  | 'celery'
  | 'bullmq'
  | 'sqlalchemy'
  | 'prisma'
  | 'docker'
  | 'github-actions'
  | 'gitlab-ci'
  | 'railway'
  | 'fly'
  | 'render'
  | 'py'
  | 'node';

export interface RuleMeta<N extends FactKey = FactKey> {
  id: string;
  area: Area;
  severity: Severity;
  /** The strength line, shown when the check passes. */
  title: string;
  /** The finding headline, shown when it fails. */
  failureTitle: string;
  /** Markdown: why it matters in production. */
  why: string;
  /** Fix text, keyed by stack id; `default` is required. */
  fix: { default: string } & Partial<Record<FixKey, string>>;
  /** Short code examples for the explain page and the report. */
  examples?: { bad?: string; good?: string; lang?: string };
  effort: Effort;
  /** Stack families the check applies to; otherwise it is not applicable. */
  appliesTo: StackTag[];
  needs: readonly N[];
  confidence: 'high' | 'medium' | 'low';
  /** Experimental rules are shown but weigh 0 in the score. */
  experimental?: boolean;
}

export interface Finding {
  message: string;
  evidence: Evidence[];
  /** Raises (or lowers) the rule's default severity for this finding. */
  severity?: Severity;
  /** Stack id that picks the tailored fix text. */
  stack?: FixKey;
}

export type RuleResult =
  | { outcome: 'fail'; findings: Finding[] }
  | { outcome: 'pass'; summary: string; strengths: Evidence[] }
  | { outcome: 'na'; reason: string };

export interface Rule<N extends FactKey = FactKey> {
  meta: RuleMeta<N>;
  check(facts: Pick<FactMap, N>): RuleResult;
}

export function defineRule<const N extends FactKey>(rule: Rule<N>): Rule<N> {
  return rule;
}

export function fail(findings: Finding[]): RuleResult {
  return findings.length === 0 ? { outcome: 'na', reason: 'nothing to report' } : { outcome: 'fail', findings };
}

export function pass(summary: string, strengths: Evidence[] = []): RuleResult {
  return { outcome: 'pass', summary, strengths };
}

export function notApplicable(reason: string): RuleResult {
  return { outcome: 'na', reason };
}

/** "3 calls", "1 call": counts in messages always come from the evidence list. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
