/**
 * One section per scored area: its strengths with evidence, then its failing checks, worst first,
 * each with every finding's file:line, the impact, the fix for the detected stack, a short code
 * example when the check has one for this language, and the effort.
 */
import { AREAS, AREA_TITLES, severityRank, type Severity } from '../../core/types.js';
import { formatHours } from '../../report/backlog.js';
import type { Run, RunCheck, RunFinding } from '../../report/schema.js';
import { code, evidenceText, where } from './util.js';

const EVIDENCE_SHOWN = 5;

export function areaSections(run: Run): string[] {
  const out: string[] = [];
  for (const area of AREAS) {
    const score = run.score.areas[area];
    const passed = run.checks.filter((c) => c.area === area && c.outcome === 'pass');
    const findingsOf = (c: RunCheck) => run.findings.filter((f) => f.checkId === c.id);
    const failed = run.checks
      .filter((c) => c.area === area && c.outcome === 'fail')
      .sort((a, b) => severityRank(worstOf(findingsOf(a), a.severity)) - severityRank(worstOf(findingsOf(b), b.severity)) || a.id.localeCompare(b.id));
    if (!score && passed.length === 0 && failed.length === 0) continue;
    out.push(`## ${AREA_TITLES[area]}${score ? ` — ${score.score}/100` : ''}`, '');
    if (passed.length) {
      out.push('### Strengths', '');
      for (const c of passed) {
        const ev = (c.strengths ?? []).slice(0, 3).map((e) => `${where(e)}${e.snippet ? ` ${code(e.snippet)}` : ''}`);
        out.push(`- ✅ **${c.title}**${c.summary ? ` — ${c.summary}` : ''}${ev.length ? ` (${ev.join('; ')})` : ''}`);
      }
      out.push('');
    }
    if (failed.length) {
      out.push('### Findings', '');
      for (const c of failed) out.push(...checkBlock(c, findingsOf(c), run));
    }
  }
  return out;
}

function checkBlock(c: RunCheck, findings: RunFinding[], run: Run): string[] {
  if (findings.length === 0) return [];
  const first = findings[0];
  const hours = run.backlog?.effortHours[first.effort];
  const worst = worstOf(findings, c.severity);
  const out = [`#### ❌ ${first.title}`, ''];
  out.push(`${code(c.id)} · ${worst} · effort: ${first.effort}${hours !== undefined ? ` (${formatHours(hours)} h per finding)` : ''} · ${findings.length} finding${findings.length === 1 ? '' : 's'}`, '');
  for (const f of findings) {
    out.push(`- **${where({ file: f.location.path, line: f.location.line })}** — ${f.message}${f.severity !== worst ? ` (${f.severity})` : ''}`);
    // The first evidence is the location above: show its code; the rest with their own file:line.
    f.evidence.slice(0, EVIDENCE_SHOWN).forEach((e, i) => {
      const text = i === 0 && e.file === f.location.path && e.line === f.location.line ? [e.snippet ? code(e.snippet) : '', e.note ?? ''].filter(Boolean).join(' — ') : evidenceText(e);
      if (text) out.push(`  - ${text}`);
    });
    if (f.evidence.length > EVIDENCE_SHOWN) out.push(`  - and ${f.evidence.length - EVIDENCE_SHOWN} more`);
  }
  out.push('');
  // Impact comes from the check; fixes can differ per finding when findings are in different stacks.
  out.push(`**Impact:** ${first.impact}`, '');
  const fixes = [...new Set(findings.map((f) => f.fix))];
  // A fix that holds a code block must start on its own line, or its fence opens mid-paragraph
  // and swallows the rest of the document.
  const fixLine = (label: string, fix: string) => (fix.includes('```') ? [`**${label}:**`, '', fix.trim(), ''] : [`**${label}:** ${fix}`, '']);
  if (fixes.length === 1) out.push(...fixLine('Fix', fixes[0]));
  else {
    for (const fix of fixes) {
      const at = findings.filter((f) => f.fix === fix).map((f) => where({ file: f.location.path, line: f.location.line }));
      out.push(...fixLine(`Fix for ${at.join(', ')}`, fix));
    }
  }
  if (c.example) out.push('**Example:**', '', `\`\`\`${c.example.lang ?? ''}`, c.example.code, '```', '');
  return out;
}

/** The worst finding's severity: a check's own stays at its default when a finding lowered it. */
function worstOf(findings: readonly RunFinding[], fallback: Severity): Severity {
  if (findings.length === 0) return fallback;
  return findings.reduce<Severity>((w, f) => (severityRank(f.severity) < severityRank(w) ? f.severity : w), findings[0].severity);
}
