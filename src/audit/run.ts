/**
 * One audit, end to end: discover → parse → facts → rules → score. Returns the pieces the report
 * model is built from. Never throws for one bad file: problems land in `errors`.
 */
import type { Rule } from '../core/rule.js';
import { runRules, type RunResult } from '../core/run-rules.js';
import { score, type Score } from '../core/scoring.js';
import type { StackTag } from '../core/types.js';
import { discover } from '../discover/walk.js';
import type { CodeModel } from '../facts/code/model.js';
import { createFactMap } from '../facts/collectors.js';
import type { DetectedStack, FactMap, ParseError } from '../facts/fact-map.js';
import { isParsed, parseCode } from '../facts/parse/code.js';
import { createRepoContext, type RepoContext } from '../facts/repo.js';
import { readFileSync } from 'node:fs';
import { stackTags } from '../stacks/detect.js';
import { RULES } from '../rules/index.generated.js';

export interface AuditOptions {
  /** Rule ids or areas to run; empty = all. */
  only?: string[];
  skip?: string[];
  /** Force a plain folder walk even inside a git work tree (fixtures, tests). */
  useGit?: boolean;
  onProgress?: (done: number, total: number) => void;
  rules?: readonly Rule[];
}

export interface AuditResult {
  root: string;
  startedAt: Date;
  durationMs: number;
  repo: RepoContext;
  facts: FactMap;
  stacks: DetectedStack[];
  tags: Set<StackTag>;
  result: RunResult;
  score: Score;
  errors: ParseError[];
  fileCount: number;
  lineCount: number;
}

export function selectRules(rules: readonly Rule[], only: string[] = [], skip: string[] = []): Rule[] {
  const matches = (r: Rule, sel: string) => r.meta.id === sel || r.meta.area === sel;
  return rules.filter((r) => (only.length === 0 || only.some((s) => matches(r, s))) && !skip.some((s) => matches(r, s)));
}

export async function runAudit(root: string, opts: AuditOptions = {}): Promise<AuditResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const discovery = await discover(root, { useGit: opts.useGit });
  const errors: ParseError[] = discovery.skipped.map((s) => ({ path: s.path, message: s.message }));
  const models = new Map<string, CodeModel>();
  const texts = new Map<string, string>();
  const toParse = discovery.files.filter(isParsed);
  let done = 0;
  let lineCount = 0;
  for (const f of toParse) {
    let source: string;
    try {
      source = readFileSync(f.abs, 'utf8');
    } catch (e) {
      errors.push({ path: f.path, message: `unreadable: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
      continue;
    }
    texts.set(f.path, source);
    try {
      const model = await parseCode(f, source);
      models.set(f.path, model);
      lineCount += model.lineCount;
      if (model.syntaxErrors.length > 0) {
        errors.push({ path: f.path, message: `${model.syntaxErrors[0].message}; analysed what parsed` });
      }
    } catch (e) {
      errors.push({ path: f.path, message: `could not parse: ${e instanceof Error ? e.message : String(e)}` });
    }
    opts.onProgress?.(++done, toParse.length);
  }
  const repo = createRepoContext(discovery, models, texts);
  const facts = createFactMap(repo);
  const rules = selectRules(opts.rules ?? RULES, opts.only, opts.skip);
  let stacks: DetectedStack[] = [];
  try {
    stacks = facts.stacks;
  } catch (e) {
    errors.push({ path: '.', message: e instanceof Error ? e.message : String(e) });
  }
  const tags = stackTags(stacks, repo);
  const result = runRules(rules, facts, tags, stacks.map((s) => s.id));
  errors.push(...repo.errors);
  return {
    root: discovery.root,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    repo,
    facts,
    stacks,
    tags,
    result,
    score: score(result.checks),
    errors,
    fileCount: discovery.files.length,
    lineCount,
  };
}
