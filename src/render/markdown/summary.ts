/** Executive summary and the score table. */
import { AREA_TITLES, type Area } from '../../core/types.js';
import type { Run } from '../../report/schema.js';
import { code, where } from './util.js';

const BLOCKERS_SHOWN = 10;

export function executiveSummary(run: Run): string[] {
  const out = ['## Executive summary', '', `**${run.score.overall}/100 — ${run.score.verdict}**`, ''];
  if (run.summary) out.push(run.summary.assessment, '');
  if (run.stack.length) out.push(`**Stack:** ${run.stack.map((s) => `${s.title} (${where(s.evidence[0])})`).join(', ')}`, '');
  const strengths = run.summary?.keyStrengths ?? [];
  if (strengths.length) {
    out.push('**Key strengths:**', '');
    for (const s of strengths) {
      const ev = s.evidence.map((e) => `${where(e)}${e.snippet ? ` ${code(e.snippet)}` : ''}`);
      out.push(`- ✅ ${s.title}${s.summary ? ` — ${s.summary}` : ''}${ev.length ? ` (${ev.join('; ')})` : ''}`);
    }
    out.push('');
  }
  const byPrint = new Map(run.findings.map((f) => [f.fingerprint, f]));
  const blockers = (run.summary?.blockers ?? []).map((fp) => byPrint.get(fp)).filter((f) => f !== undefined);
  if (blockers.length) {
    out.push(`**Blocks launch (${blockers.length} P0 finding${blockers.length === 1 ? '' : 's'}):**`, '');
    for (const f of blockers.slice(0, BLOCKERS_SHOWN)) out.push(`- ${f.severity.toUpperCase()}: ${f.message} (${where({ file: f.location.path, line: f.location.line })})`);
    if (blockers.length > BLOCKERS_SHOWN) out.push(`- … and ${blockers.length - BLOCKERS_SHOWN} more in the backlog below`);
    out.push('');
  }
  return out;
}

export function scoreTable(run: Run): string[] {
  const rows = Object.entries(run.score.areas);
  if (rows.length === 0) return [];
  const out = ['## Scores by area', '', '| area | score | passed | failed | n/a |', '|---|---:|---:|---:|---:|'];
  for (const [area, s] of rows) out.push(`| ${AREA_TITLES[area as Area] ?? area} | ${s.score} | ${s.passed} | ${s.failed} | ${s.notApplicable} |`);
  out.push('');
  return out;
}
