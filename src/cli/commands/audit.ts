/** `shipready audit [path]`: run the audit, write the requested formats, apply the CI gate. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAudit, selectRules } from '../../audit/run.js';
import { createTiming, formatTiming } from '../../audit/timing.js';
import { AREAS, type Severity } from '../../core/types.js';
import { buildRun } from '../../report/build.js';
import type { Run } from '../../report/schema.js';
import { RULES } from '../../rules/index.generated.js';
import { createProgress } from '../progress.js';
import { UserError } from '../user-error.js';
import { parseFormats, splitList, writeReports, type OutputOptions } from '../output.js';

export interface AuditCliOptions extends OutputOptions {
  only: string[];
  skip: string[];
  failUnder?: string;
  failOn?: string;
  timing?: boolean;
}

function validateSelectors(selectors: string[], flag: string): void {
  const known = new Set<string>([...RULES.map((r) => r.meta.id), ...AREAS]);
  for (const s of selectors) if (!known.has(s)) throw new UserError(`${flag}: unknown check or area '${s}' (see \`shipready rules\`)`);
}

function checkTarget(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UserError(`path not found: ${path}`);
  const st = statSync(abs);
  if (!st.isDirectory()) throw new UserError(`${path} is a file; shipready audits a repository folder`);
  if (readdirSync(abs).length === 0) throw new UserError(`${path} is empty: nothing to audit`);
  return abs;
}

function gitCommit(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

export function gateFails(run: Run, failUnder: number | undefined, failOn: Severity | undefined): string | undefined {
  if (failUnder !== undefined && run.score.overall < failUnder) return `score ${run.score.overall} is below --fail-under ${failUnder}`;
  if (failOn) {
    const order: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    const limit = order.indexOf(failOn);
    const hit = run.findings.filter((f) => order.indexOf(f.severity) <= limit);
    if (hit.length) return `${hit.length} finding(s) at ${failOn} severity or worse (--fail-on ${failOn})`;
  }
  return undefined;
}

export async function auditCommand(path: string, opts: AuditCliOptions): Promise<number> {
  const formats = parseFormats(opts, 'terminal');
  const only = splitList(opts.only);
  const skip = splitList(opts.skip);
  validateSelectors(only, '--only');
  validateSelectors(skip, '--skip');
  if (only.length && selectRules(RULES, only, skip).length === 0) throw new UserError('--only/--skip leave no check to run');
  let failUnder: number | undefined;
  if (opts.failUnder !== undefined) {
    failUnder = Number(opts.failUnder);
    if (!Number.isInteger(failUnder) || failUnder < 0 || failUnder > 100) throw new UserError(`--fail-under: expected a whole number 0-100, got '${opts.failUnder}'`);
  }
  const failOn = opts.failOn as Severity | undefined;
  if (failOn && !['critical', 'high', 'medium'].includes(failOn)) throw new UserError(`--fail-on: expected critical, high or medium, got '${opts.failOn}'`);

  const root = checkTarget(path);
  const progress = createProgress();
  const timing = opts.timing ? createTiming() : undefined;
  const audit = await runAudit(root, { only, skip, onProgress: (d, t) => progress.update(d, t), ...(timing ? { timing } : {}) });
  progress.stop();
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    timing?.phases.push([name, now - mark]);
    mark = now;
  };
  const run = buildRun(audit, { path, ...(gitCommit(root) ? { commit: gitCommit(root) } : {}) });
  phase('report model (facts it reads included)');
  writeReports(run, formats, opts);
  phase(`render and write (${formats.join(', ')})`);
  if (timing) process.stderr.write(formatTiming(timing));
  const gate = gateFails(run, failUnder, failOn);
  if (gate) {
    process.stderr.write(`shipready: gate failed: ${gate}\n`);
    return 1;
  }
  return 0;
}
