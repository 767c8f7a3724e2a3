/**
 * The scoring formula as the report states it. Renderers may not import src/core/scoring.ts, so the
 * weights of scoring version 1 are restated here; test/render/html.test.ts checks they still equal
 * scoring.ts. When the run object carries its own scoring description, render from that instead.
 */
import { AREA_TITLES, type Area, type Severity } from '../../core/types.js';
import { esc } from './util.js';

export const FORMULA = {
  version: 1,
  severityWeights: { critical: 10, high: 6, medium: 3, low: 1, info: 0 } as Record<Severity, number>,
  areaWeights: {
    security: 3,
    data: 2.5,
    reliability: 2,
    ai: 1.5,
    performance: 1.5,
    observability: 1.5,
    deployment: 1.5,
    testing: 1,
    docs: 0.5,
    frontend: 0.5,
  } as Record<Area, number>,
  caps: { critical: 49, high: 74 },
  verdicts: [
    { verdict: 'NOT READY', rule: 'an open critical finding' },
    { verdict: 'NEEDS WORK', rule: 'overall below 75' },
    { verdict: 'READY WITH RECOMMENDATIONS', rule: '75–89, or an open high finding' },
    { verdict: 'PRODUCTION READY', rule: '90 or more and no open high finding' },
  ],
} as const;

export function formulaHtml(scoringVersion: number): string {
  const sev = Object.entries(FORMULA.severityWeights)
    .map(([s, w]) => `${esc(s)} ${w}`)
    .join(', ');
  const areas = Object.entries(FORMULA.areaWeights)
    .map(([a, w]) => `${esc(AREA_TITLES[a as Area] ?? a)} ${w}`)
    .join(', ');
  const mismatch =
    scoringVersion === FORMULA.version
      ? ''
      : `<p class="warn">This run was scored with scoring version ${esc(scoringVersion)}; the formula below is version ${FORMULA.version}.</p>`;
  return `${mismatch}<p>Scoring version ${esc(scoringVersion)}.</p>
<ol class="formula">
<li><strong>Per area:</strong> the severity-weighted share of applicable checks that pass, ×100.
<span class="math">area = 100 × Σ w(passing checks) ÷ Σ w(applicable checks)</span>
Weights: ${sev}. Not-applicable, errored and experimental checks weigh 0; a failing check takes the severity of its worst finding.</li>
<li><strong>Overall:</strong> the average of the area scores weighted by area, rounded.
<span class="math">overall = round(Σ area × weight ÷ Σ weight)</span>
Area weights: ${areas}.</li>
<li><strong>Caps:</strong> an open critical finding caps the overall score at ${FORMULA.caps.critical}; an open high finding at ${FORMULA.caps.high}.</li>
<li><strong>Verdict:</strong> ${FORMULA.verdicts.map((v) => `<span class="verdict-name">${esc(v.verdict)}</span> (${esc(v.rule)})`).join(' · ')}.</li>
</ol>`;
}
