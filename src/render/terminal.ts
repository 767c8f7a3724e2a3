/** Terminal output: verdict, score, a bar per area, the top findings with file:line. */
import { createColors } from 'picocolors';
import { AREA_TITLES, type Area, type Severity } from '../core/types.js';
import type { Run } from '../report/schema.js';

export interface TerminalOptions {
  color: boolean;
  width?: number;
  top?: number;
}

const BAR = 20;

export function renderTerminal(run: Run, opts: TerminalOptions): string {
  const c = createColors(opts.color);
  const sevColor: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const verdictColor = run.score.verdict === 'PRODUCTION READY' ? c.green : run.score.verdict === 'NOT READY' ? c.red : c.yellow;
  const out: string[] = [];
  out.push(`${c.bold('shipready')} ${c.dim(run.target.path)}  ${c.dim(`${run.stats.files} files · ${run.durationMs} ms`)}`);
  if (run.stack.length) out.push(c.dim(`stack: ${run.stack.map((s) => s.title).join(', ')}`));
  out.push('');
  out.push(`${verdictColor(c.bold(run.score.verdict))}   ${c.bold(String(run.score.overall))}/100${run.score.cappedBy ? c.dim(` (capped: open ${run.score.cappedBy} finding)`) : ''}`);
  out.push('');
  for (const [area, s] of Object.entries(run.score.areas)) {
    const filled = Math.round((s.score / 100) * BAR);
    const colour = s.score >= 90 ? c.green : s.score >= 75 ? c.yellow : c.red;
    const title = AREA_TITLES[area as Area] ?? area;
    out.push(`  ${title.padEnd(30)} ${colour('█'.repeat(filled))}${c.dim('░'.repeat(BAR - filled))} ${String(s.score).padStart(3)}  ${c.dim(`${s.passed} ok · ${s.failed} failing`)}`);
  }
  out.push('');
  const top = run.findings.slice(0, opts.top ?? 10);
  if (top.length === 0) out.push(c.green('No findings.'));
  else {
    out.push(c.bold(`Top findings (${top.length} of ${run.findings.length})`));
    for (const f of top) {
      const where = f.location.line > 0 ? `${f.location.path}:${f.location.line}` : f.location.path;
      out.push(`  ${sevColor[f.severity](f.severity.toUpperCase().padEnd(8))} ${f.message}`);
      out.push(`           ${c.dim(`${where}  [${f.checkId}]`)}`);
    }
  }
  const strengths = run.checks.filter((x) => x.outcome === 'pass').length;
  out.push('');
  out.push(c.dim(`${strengths} checks passed · ${run.checks.filter((x) => x.outcome === 'fail').length} failed · ${run.checks.filter((x) => x.outcome === 'na').length} not applicable`));
  if (run.errors.length) out.push(c.yellow(`${run.errors.length} file(s) could not be fully analysed (see the report's errors)`));
  return `${out.join('\n')}\n`;
}
