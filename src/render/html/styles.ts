/** The report's stylesheet: system fonts only, light and dark, readable at 375 px and on paper. */
export const STYLES = `
:root {
  --bg: #f6f7f9; --card: #fff; --fg: #1b1f24; --muted: #5b6573; --line: #d9dee5; --code: #f1f3f6;
  --accent: #2457c5; --ok: #1a7f37; --warn: #9a6700; --bad: #c62828;
  --critical: #8e1b1b; --high: #c62828; --medium: #b26a00; --low: #2466a8; --info: #5b6573;
  --n-app: #e3edff; --n-store: #e6f6ea; --n-queue: #fff3d6; --n-worker: #efe7ff; --n-provider: #fde8e8; --n-client: #eef1f5;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1217; --card: #171b22; --fg: #e6e9ee; --muted: #9aa5b4; --line: #2c333d; --code: #10141a;
    --accent: #7aa7ff; --ok: #4ac26b; --warn: #d4a72c; --bad: #ff6b6b;
    --critical: #ff8080; --high: #ff6b6b; --medium: #e3a33b; --low: #6cb0ff; --info: #9aa5b4;
    --n-app: #1d2a44; --n-store: #173222; --n-queue: #3a2f12; --n-worker: #2a2142; --n-provider: #3d1c1c; --n-client: #232933;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: break-word; }
main { max-width: 1080px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.35rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 18px 0 8px; }
p { margin: 0 0 10px; }
a { color: var(--accent); }
code, pre, .loc { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85em; }
code { background: var(--code); padding: 1px 4px; border-radius: 4px; }
pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; margin: 4px 0 8px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
section, header.top { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px; margin: 0 0 16px; }
.muted, .meta { color: var(--muted); }
.meta { font-size: 0.85rem; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 0 0 16px; font-size: 0.9rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--card); padding: 4px 8px; }

/* Header: gauge, verdict, assessment */
.hero { display: grid; grid-template-columns: auto minmax(0, 1fr); grid-template-areas: "gauge head" "gauge text"; gap: 4px 24px; align-items: start; margin-top: 12px; }
.gauge { grid-area: gauge; width: 150px; height: 150px; align-self: center; }
.gauge .track { stroke: var(--line); }
.gauge .value { stroke: currentColor; }
.gauge text { fill: var(--fg); font-weight: 700; }
.hero-head { grid-area: head; min-width: 0; }
.hero-text { grid-area: text; min-width: 0; }
.verdict { display: inline-block; font-weight: 800; letter-spacing: 0.03em; font-size: 1.15rem; padding: 2px 10px; border-radius: 6px; border: 2px solid currentColor; }
.v-bad { color: var(--bad); } .v-warn { color: var(--warn); } .v-ok { color: var(--ok); }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; padding: 0; list-style: none; }

/* Severity badges */
.sev { display: inline-block; font-size: 0.72rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; padding: 1px 7px; border-radius: 10px; color: #fff; white-space: nowrap; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); }
.sev-low { background: var(--low); } .sev-info { background: var(--info); }
@media (prefers-color-scheme: dark) { .sev { color: #10141a; } }

/* Area bars */
.areas { display: grid; grid-template-columns: minmax(0, 14em) minmax(0, 1fr) auto; gap: 8px 12px; align-items: center; }
.bar { height: 12px; background: var(--line); border-radius: 6px; overflow: hidden; }
.bar > span { display: block; height: 100%; border-radius: 6px; }
.b-ok { background: var(--ok); } .b-warn { background: var(--warn); } .b-bad { background: var(--bad); }
.area-score { font-variant-numeric: tabular-nums; font-weight: 700; text-align: right; }
.area-name small { display: block; color: var(--muted); font-size: 0.78rem; }

/* Findings */
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 10px; background: var(--code); border-radius: 8px; margin-bottom: 10px; border: 0; }
.filters fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; }
.filters legend { font-weight: 600; padding: 0; float: left; margin-right: 6px; }
.filters label { white-space: nowrap; }
.filters label.area { display: flex; gap: 6px; align-items: center; max-width: 100%; min-width: 0; }
.filters label.area select { min-width: 0; flex: 1 1 auto; }
.filters input[type="search"], .filters select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--fg); max-width: 100%; }
.filters input[type="search"] { flex: 2 1 260px; min-width: 0; }
.no-js .filters, .no-js .tools { display: none; }
.tools { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px; }
.tools button, .filters button { font: inherit; font-size: 0.85rem; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--fg); cursor: pointer; }
#shown { font-weight: 600; }
.findings { list-style: none; margin: 0; padding: 0; }
details.finding { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 8px; margin: 0 0 8px; background: var(--card); }
details.finding.s-critical { border-left-color: var(--critical); } details.finding.s-high { border-left-color: var(--high); }
details.finding.s-medium { border-left-color: var(--medium); } details.finding.s-low { border-left-color: var(--low); }
details > summary { cursor: pointer; }
details.finding > summary { padding: 10px 12px; list-style: none; display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 2px 10px; align-items: baseline; }
details.finding > summary::-webkit-details-marker { display: none; }
details.finding > summary::after { content: "▸"; grid-column: 2; justify-self: end; color: var(--muted); display: none; }
.f-msg { font-weight: 600; }
.f-where { grid-column: 2; color: var(--muted); font-size: 0.83rem; }
.f-body { padding: 0 12px 12px; border-top: 1px solid var(--line); }
.f-body dl { display: grid; grid-template-columns: 6.5em minmax(0, 1fr); gap: 6px 12px; margin: 10px 0 0; }
.f-body dt { font-weight: 600; color: var(--muted); }
.f-body dd { margin: 0; min-width: 0; }
ul.evidence { list-style: none; padding: 0; margin: 0; }
ul.evidence li { margin: 0 0 4px; }
.note { color: var(--muted); font-size: 0.88rem; }
.empty { color: var(--muted); font-style: italic; }

/* Lists and tables */
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-weight: 600; color: var(--muted); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.yes { color: var(--ok); font-weight: 600; } .no { color: var(--bad); font-weight: 600; }
ul.strengths { list-style: none; padding: 0; margin: 0; }
ul.strengths > li { margin: 0 0 10px; padding-left: 1.6em; position: relative; }
ul.strengths > li::before { content: "✓"; color: var(--ok); font-weight: 800; position: absolute; left: 0.2em; }
.prio { margin: 0 0 14px; }
.prio h3 { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.prio h3 .meta { font-weight: 400; }
ul.checklist { list-style: none; padding: 0; margin: 0 0 10px; }
ul.checklist > li { padding: 6px 0 6px 1.9em; position: relative; border-bottom: 1px solid var(--line); }
ul.checklist > li::before { content: "☐"; position: absolute; left: 0.2em; top: 4px; font-size: 1.1em; }
ul.checklist > li.done::before { content: "☑"; color: var(--ok); }
ul.checklist > li.done > .text { color: var(--muted); }
.src { font-size: 0.75rem; color: var(--muted); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; margin-left: 4px; white-space: nowrap; }
details.rb { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 8px; padding: 0 12px; }
details.rb > summary { padding: 8px 0; font-weight: 600; }
details.rb ol, details.rb ul { padding-left: 1.3em; }
.shell { display: block; font-size: 0.82rem; color: var(--muted); margin-top: 2px; }
.warn { color: var(--warn); }
.formula .math { display: block; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; margin: 4px 0; }
.formula li { margin-bottom: 8px; }
.verdict-name { font-weight: 700; }

/* Architecture diagram */
.diagram { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; background: var(--card); }
svg.arch { display: block; max-width: 100%; height: auto; min-width: 560px; margin: 0 auto; font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.arch .s { stroke: var(--muted); stroke-width: 1.2; fill: var(--n-client); }
svg.arch .inner { stroke: var(--muted); fill: none; }
svg.arch .n-app .s { fill: var(--n-app); } svg.arch .n-store .s { fill: var(--n-store); } svg.arch .n-queue .s { fill: var(--n-queue); }
svg.arch .n-worker .s { fill: var(--n-worker); } svg.arch .n-provider .s { fill: var(--n-provider); }
svg.arch text { fill: var(--fg); text-anchor: middle; font-size: 11px; }
svg.arch text.t { font-weight: 700; font-size: 12px; }
svg.arch .edge path { fill: none; stroke: var(--muted); stroke-width: 1.4; }
svg.arch .edge.dashed path { stroke-dasharray: 5 4; }
svg.arch marker path { fill: var(--muted); stroke: none; }
svg.arch .elabel rect { fill: var(--card); stroke: var(--line); }
svg.arch .elabel text { font-size: 10.5px; fill: var(--muted); }
.gauge-scale { font-size: 0.8rem; }
.narrow-only { display: none; }

@media (max-width: 640px) {
  main { padding: 8px; }
  section, header.top { padding: 12px; border-radius: 8px; }
  .areas { grid-template-columns: minmax(0, 1fr) auto; }
  .areas .bar { grid-column: 1 / -1; order: 0; }
  .hero { grid-template-areas: "gauge head" "text text"; gap: 4px 14px; }
  .gauge { width: 104px; height: 104px; }
  .verdict { font-size: 1rem; }
  h1 { font-size: 1.15rem; }
  details.finding > summary { display: block; }
  details.finding > summary .sev { margin-right: 6px; }
  .f-where { display: block; margin-top: 2px; }
  .f-body dl { grid-template-columns: minmax(0, 1fr); }
  .f-body dt { margin-top: 4px; }
  table.cards thead { display: none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 8px; padding: 4px 8px; }
  table.cards td { border: 0; padding: 2px 0 2px 6.8em; position: relative; min-height: 1.5em; }
  table.cards td::before { content: attr(data-label); position: absolute; left: 0; top: 3px; width: 6.3em; color: var(--muted); font-size: 0.8rem; font-weight: 600; }
  table.cards td:empty { display: none; }
  svg.arch { max-width: none; min-width: 0; }
  .narrow-only { display: block; }
}

@media print {
  :root { --bg: #fff; --card: #fff; --fg: #000; --muted: #444; --line: #bbb; --code: #f4f4f4; color-scheme: light; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .filters, .tools, nav.toc, .skip { display: none !important; }
  details.finding[hidden] { display: block !important; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary::marker, details > summary::-webkit-details-marker { content: ""; }
  section, header.top { border: 0; padding: 0; margin: 0 0 14pt; }
  details.finding, ul.strengths > li, ul.checklist > li, tr, details.rb { break-inside: avoid; }
  h2 { break-after: avoid; }
  .sev { color: #000 !important; background: none !important; border: 1px solid #000; }
  .bar { border: 1px solid #888; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .diagram { overflow: visible; border: 0; }
  svg.arch { min-width: 0; width: 100%; }
  pre { white-space: pre-wrap; }
}
`;
