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
import { isParsed } from '../facts/parse/code.js';
import { parseAll } from '../facts/parse/pool.js';
import { createRepoContext, type RepoContext } from '../facts/repo.js';
import { stackTags } from '../stacks/detect.js';
import { RULES } from '../rules/index.generated.js';
import { SelfTimer, type Timing } from './timing.js';

export interface AuditOptions {
  /** Rule ids or areas to run; empty = all. */
  only?: string[];
  skip?: string[];
  /** Force a plain folder walk even inside a git work tree (fixtures, tests). */
  useGit?: boolean;
  onProgress?: (done: number, total: number) => void;
  rules?: readonly Rule[];
  /** Filled with phase, fact and check timings when given (`--timing`). */
  timing?: Timing;
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
  let mark = t0;
  const phase = (name: string) => {
    const now = performance.now();
    opts.timing?.phases.push([name, now - mark]);
    mark = now;
  };
  const discovery = await discover(root, { useGit: opts.useGit });
  phase(`discover (${discovery.files.length} files)`);
  const errors: ParseError[] = discovery.skipped.map((s) => ({ path: s.path, message: s.message }));
  const models = new Map<string, CodeModel>();
  const texts = new Map<string, string>();
  const toParse = discovery.files.filter(isParsed);
  let lineCount = 0;
  for (const p of await parseAll(toParse, opts.onProgress)) {
    if (p.source !== undefined) texts.set(p.path, p.source);
    if (p.error) errors.push({ path: p.path, message: p.error });
    if (!p.model) continue;
    models.set(p.path, p.model);
    lineCount += p.model.lineCount;
    if (p.model.syntaxErrors.length > 0) errors.push({ path: p.path, message: `${p.model.syntaxErrors[0].message}; analysed what parsed` });
  }
  phase(`parse (${toParse.length} files, ${lineCount} lines)`);
  const repo = createRepoContext(discovery, models, texts);
  const timer = opts.timing ? new SelfTimer(opts.timing.self) : undefined;
  const facts = createFactMap(repo, timer);
  const rules = selectRules(opts.rules ?? RULES, opts.only, opts.skip);
  let stacks: DetectedStack[] = [];
  try {
    stacks = facts.stacks;
  } catch (e) {
    errors.push({ path: '.', message: e instanceof Error ? e.message : String(e) });
  }
  const tags = stackTags(stacks, repo);
  const result = runRules(rules, facts, tags, stacks.map((s) => s.id), timer);
  phase(`facts and checks (${rules.length} checks)`);
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
