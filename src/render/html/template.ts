/** The page shell, the header (score gauge, verdict, area bars) and the filterable findings list. */
import { AREA_TITLES, SEVERITIES, type Area, type Severity } from '../../core/types.js';
import type { Run, RunCheck, RunFinding } from '../../report/schema.js';
import { esc, evidenceList, plural, prose, where } from './util.js';

export function areaTitle(a: string): string {
  return AREA_TITLES[a as Area] ?? a;
}

export function page(opts: { title: string; styles: string; script: string; scriptHash: string; body: string }): string {
  // Nothing may load: no fetch, image, font, frame or form target; only this page's own script runs.
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src '${opts.scriptHash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="shipready">
<link rel="icon" href="data:,">
<title>${esc(opts.title)}</title>
<style>${opts.styles}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to findings</a>
<main>
${opts.body}
</main>
<script>${opts.script}</script>
</body>
</html>
`;
}

function verdictClass(v: Run['score']['verdict']): string {
  return v === 'PRODUCTION READY' ? 'v-ok' : v === 'NOT READY' ? 'v-bad' : 'v-warn';
}

function barClass(score: number): string {
  return score >= 90 ? 'b-ok' : score >= 75 ? 'b-warn' : 'b-bad';
}

/** A ring from 12 o'clock, clockwise, `score`% of the way round. */
function gauge(score: number, verdict: Run['score']['verdict']): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const len = (Math.max(0, Math.min(100, score)) / 100) * c;
  return `<svg class="gauge ${verdictClass(verdict)}" viewBox="0 0 140 140" role="img" aria-label="Overall score ${score} out of 100">
<circle class="track" cx="70" cy="70" r="${r}" fill="none" stroke-width="14"/>
<circle class="value" cx="70" cy="70" r="${r}" fill="none" stroke-width="14" stroke-linecap="${score > 0 ? 'round' : 'butt'}" stroke-dasharray="${len.toFixed(2)} ${c.toFixed(2)}" transform="rotate(-90 70 70)"/>
<text x="70" y="78" text-anchor="middle" font-size="34" id="score">${score}</text>
<text x="70" y="98" text-anchor="middle" font-size="12" class="gauge-scale">/ 100</text>
</svg>`;
}

function severityCounts(findings: readonly RunFinding[]): Map<Severity, number> {
  const counts = new Map<Severity, number>();
  for (const s of SEVERITIES) {
    const n = findings.filter((f) => f.severity === s).length;
    if (n) counts.set(s, n);
  }
  return counts;
}

export function header(run: Run, toc: readonly { id: string; title: string }[]): string {
  const { overall, verdict, cappedBy } = run.score;
  const counts = severityCounts(run.findings);
  const stats = [
    `shipready ${esc(run.tool.version)}`,
    esc(run.startedAt.slice(0, 10)),
    `${esc(run.stats.files)} files`,
    `${esc(run.stats.parsedLines)} lines parsed`,
    `${esc(run.durationMs)} ms`,
    `scoring v${esc(run.scoringVersion)}`,
    ...(run.target.commit ? [`commit <code>${esc(run.target.commit.slice(0, 12))}</code>`] : []),
  ];
  const stack = run.stack.length
    ? `<p class="meta">Stack: ${run.stack.map((s) => `<span title="${esc(where(s.evidence[0]))}">${esc(s.title)}</span>`).join(', ')}</p>`
    : '';
  const assessment = run.summary?.assessment
    ? `<p class="assessment">${prose(run.summary.assessment)}</p>`
    : `<p class="assessment">${plural(run.findings.length, 'finding')}; ${run.checks.filter((c) => c.outcome === 'pass').length} checks pass.</p>`;
  const capped = cappedBy ? `<p class="meta">Capped: an open ${esc(cappedBy)} finding limits the overall score.</p>` : '';
  const badges = [...counts].map(([s, n]) => `<li><span class="sev sev-${s}">${n} ${s}</span></li>`).join('');
  const nav = toc.map((t) => `<a href="#${esc(t.id)}">${esc(t.title)}</a>`).join('');
  return `<header class="top">
<h1>Production readiness: <span class="target">${esc(run.target.path)}</span></h1>
<p class="meta">${stats.join(' · ')}</p>
${stack}
<div class="hero">
${gauge(overall, verdict)}
<div class="hero-head">
<p><span class="verdict ${verdictClass(verdict)}" id="verdict">${esc(verdict)}</span></p>
<p><strong><span id="overall">${overall}</span>/100</strong> · <span id="finding-count">${plural(run.findings.length, 'finding')}</span></p>
${badges ? `<ul class="counts" aria-label="Findings by severity">${badges}</ul>` : ''}
${capped}
</div>
<div class="hero-text">${assessment}</div>
</div>
</header>
${nav ? `<nav class="toc" aria-label="Sections">${nav}</nav>` : ''}`;
}

export function areaBars(run: Run): string {
  const rows = Object.entries(run.score.areas).map(([a, s]) => {
    const detail = `${s.passed} passed · ${s.failed} failing${s.notApplicable ? ` · ${s.notApplicable} n/a` : ''}${s.errors ? ` · ${s.errors} errors` : ''}`;
    return `<div class="area-name">${esc(areaTitle(a))}<small>${esc(detail)}</small></div>
<div class="bar" role="img" aria-label="${esc(areaTitle(a))} ${s.score} out of 100"><span class="${barClass(s.score)}" style="width:${Math.max(0, Math.min(100, s.score))}%"></span></div>
<div class="area-score">${s.score}</div>`;
  });
  return rows.length ? `<div class="areas">${rows.join('\n')}</div>` : '';
}

function findingItem(f: RunFinding, i: number, check: RunCheck | undefined): string {
  const example = check?.example
    ? `<dt>Example</dt><dd><pre class="example"><code>${esc(check.example.code)}</code></pre></dd>`
    : '';
  return `<details class="finding s-${f.severity}" id="f-${i}" data-sev="${f.severity}" data-area="${esc(f.area)}" data-fp="${esc(f.fingerprint)}">
<summary><span class="sev sev-${f.severity}">${f.severity}</span><span class="f-msg">${prose(f.message)}</span><span class="f-where"><span class="loc">${esc(where({ file: f.location.path, line: f.location.line }))}</span> · ${esc(areaTitle(f.area))} · <code>${esc(f.checkId)}</code></span></summary>
<div class="f-body"><dl>
<dt>Evidence</dt><dd>${evidenceList(f.evidence.length ? f.evidence : [{ file: f.location.path, line: f.location.line, snippet: f.location.snippet }])}</dd>
<dt>Impact</dt><dd class="impact">${prose(f.impact)}</dd>
<dt>Fix</dt><dd class="fix">${prose(f.fix)}</dd>
${example}
<dt>Effort</dt><dd class="effort">${esc(f.effort)}</dd>
<dt>Check</dt><dd><code>${esc(f.checkId)}</code> — ${esc(f.title)}</dd>
</dl></div>
</details>`;
}

export function findings(run: Run): string {
  if (run.findings.length === 0) return '<p class="empty">No findings: every applicable check passes.</p>';
  const counts = severityCounts(run.findings);
  const areas = [...new Set(run.findings.map((f) => f.area))];
  const sev = [...counts]
    .map(([s, n]) => `<label><input type="checkbox" name="sev" value="${s}" checked> <span class="sev sev-${s}">${s}</span> ${n}</label>`)
    .join('');
  const opts = areas.map((a) => `<option value="${esc(a)}">${esc(areaTitle(a))} (${run.findings.filter((f) => f.area === a).length})</option>`).join('');
  const checks = new Map(run.checks.map((c) => [c.id, c]));
  const total = run.findings.length;
  return `<form id="filters" class="filters" role="search" aria-label="Filter findings">
<fieldset><legend>Severity</legend>${sev}</fieldset>
<label class="area">Area <select name="area"><option value="">All areas</option>${opts}</select></label>
<input type="search" name="q" placeholder="Search message, file, snippet, fix…" aria-label="Search findings">
<button type="reset">Clear</button>
</form>
<div class="tools"><span>Showing <span id="shown">${total}</span> of ${total}</span>
<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button></div>
<p id="no-match" class="empty" hidden>No finding matches these filters.</p>
<div id="findings-list" class="findings">
${run.findings.map((f, i) => findingItem(f, i, checks.get(f.checkId))).join('\n')}
</div>`;
}

/** Launch blockers from the executive summary, linked to their findings. */
export function blockers(run: Run): string {
  const fps = run.summary?.blockers ?? [];
  if (fps.length === 0) return '';
  const index = new Map(run.findings.map((f, i) => [f.fingerprint, i]));
  const items = fps
    .filter((fp) => index.has(fp))
    .slice(0, 10)
    .map((fp) => {
      const i = index.get(fp)!;
      const f = run.findings[i];
      return `<li><span class="sev sev-${f.severity}">${f.severity}</span> <a href="#f-${i}">${prose(f.message)}</a> <span class="loc muted">${esc(where({ file: f.location.path, line: f.location.line }))}</span></li>`;
    });
  if (items.length === 0) return '';
  const more = fps.length > items.length ? `<li class="muted">… and ${fps.length - items.length} more in the findings below</li>` : '';
  return `<ul class="blockers">${items.join('')}${more}</ul>`;
}
