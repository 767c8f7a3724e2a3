/**
 * The executive summary: a one-paragraph assessment written from the outcomes (every figure is
 * counted, every area named is scored), the key strengths, and the findings that block launch.
 */
import { CAP_OPEN_CRITICAL, CAP_OPEN_HIGH } from '../core/scoring.js';
import { AREA_TITLES, SEVERITIES, severityRank, type Area } from '../core/types.js';
import { formatHours } from './backlog.js';
import type { Run } from './schema.js';
import type { RunBacklog, RunSummary } from './schema-sections.js';

type Core = Pick<Run, 'score' | 'checks' | 'findings'>;

const KEY_STRENGTHS = 5;
const WEAK_BELOW = 75;
const STRONG_FROM = 90;

export function buildSummary(run: Core, backlog: RunBacklog | undefined): RunSummary {
  const p0 = backlog?.priorities.find((p) => p.id === 'P0');
  const blockers = p0 ? new Set(p0.items.flatMap((i) => i.fingerprints)) : new Set<string>();
  return {
    assessment: assessment(run, backlog),
    keyStrengths: keyStrengths(run),
    blockers: run.findings.filter((f) => blockers.has(f.fingerprint)).map((f) => f.fingerprint),
  };
}

function assessment(run: Core, backlog: RunBacklog | undefined): string {
  const { score } = run;
  const parts: string[] = [`The repository scores ${score.overall}/100: ${score.verdict}.`];
  if (score.cappedBy === 'critical') parts.push(`An open critical finding caps the score at ${CAP_OPEN_CRITICAL}.`);
  else if (score.cappedBy === 'high') parts.push(`An open high-severity finding caps the score at ${CAP_OPEN_HIGH}.`);
  else if (score.verdict === 'NOT READY') parts.push('A critical finding is open, which makes it NOT READY whatever the score.');

  const scored = run.checks.filter((c) => !c.experimental && (c.outcome === 'pass' || c.outcome === 'fail'));
  const passed = scored.filter((c) => c.outcome === 'pass').length;
  const counts = SEVERITIES.map((s) => [s, run.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const findingText = run.findings.length === 0 ? 'no findings' : `${plural(run.findings.length, 'finding')} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})`;
  parts.push(`${passed} of ${scored.length} applicable checks pass and ${scored.length - passed} fail, with ${findingText}.`);

  const areas = Object.entries(run.score.areas) as [Area, Run['score']['areas'][string]][];
  const weak = areas.filter(([, s]) => s.score < WEAK_BELOW).sort((a, b) => a[1].score - b[1].score).slice(0, 3);
  if (weak.length) parts.push(`Weakest: ${weak.map(([a, s]) => `${AREA_TITLES[a] ?? a} ${s.score}/100 (${failingTitles(run, a)})`).join('; ')}.`);
  const strong = areas.filter(([, s]) => s.score >= STRONG_FROM);
  if (strong.length) parts.push(`Strongest: ${strong.map(([a, s]) => `${AREA_TITLES[a] ?? a} ${s.score}/100`).join(', ')}.`);

  if (backlog) {
    const p0 = backlog.priorities.find((p) => p.id === 'P0');
    if (p0 && p0.findings > 0) {
      parts.push(`Clearing the ${plural(p0.findings, 'launch-blocking finding')} is estimated at ${formatHours(p0.hours)} h; the whole backlog at ${formatHours(backlog.totalHours)} h.`);
    } else {
      parts.push(`No finding blocks launch; the backlog is estimated at ${formatHours(backlog.totalHours)} h.`);
    }
  }
  return parts.join(' ');
}

/** The headlines of an area's findings, worst first, at most three. */
function failingTitles(run: Core, area: Area): string {
  const titles = [...new Set(run.findings.filter((f) => f.area === area).map((f) => f.title))];
  const shown = titles.slice(0, 3);
  return titles.length > 3 ? `${shown.join(', ')} and ${titles.length - 3} more` : shown.join(', ');
}

/** Passing checks with evidence to show, those whose failure would weigh most first. */
function keyStrengths(run: Core): RunSummary['keyStrengths'] {
  const shown = (c: Core['checks'][number]) => Number((c.strengths ?? []).length > 0);
  return run.checks
    .filter((c) => c.outcome === 'pass' && !c.experimental)
    .sort((a, b) => shown(b) - shown(a) || severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id))
    .slice(0, KEY_STRENGTHS)
    .map((c) => ({ checkId: c.id, title: c.title, ...(c.summary ? { summary: c.summary } : {}), evidence: (c.strengths ?? []).slice(0, 2) }));
}

function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}
