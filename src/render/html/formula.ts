/** The scoring formula section of the HTML report, from the formula the report layer exposes. */
import { AREA_TITLES, type Area } from '../../core/types.js';
import { FORMULA } from '../../report/formula.js';
import { esc } from './util.js';

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
