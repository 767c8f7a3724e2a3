/** Report sections after the findings: strengths, backlog, checklist, env vars, runbook, scaling, errors. */
import type { Run } from '../../report/schema.js';
import type { RunBacklog, RunChecklist, RunRunbook, RunScaling } from '../../report/schema-sections.js';
import { areaTitle } from './template.js';
import { commandBlock, esc, evidenceList, hours, locations, plural, prose, table, yesNo } from './util.js';

export function strengths(run: Run): string {
  const passed = run.checks.filter((c) => c.outcome === 'pass');
  if (passed.length === 0) return '';
  const items = passed.map((c) => {
    const summary = c.summary ? ` — <span class="muted">${esc(c.summary)}</span>` : '';
    const exp = c.experimental ? ' <span class="src">experimental</span>' : '';
    return `<li><strong>${esc(c.title)}</strong>${exp}${summary} <span class="meta">${esc(areaTitle(c.area))}</span>${evidenceList(c.strengths ?? [], 3)}</li>`;
  });
  return `<ul class="strengths">${items.join('\n')}</ul>`;
}

export function backlog(b: RunBacklog | undefined): string {
  if (!b) return '';
  const rates = `minutes ${hours(b.effortHours.minutes)}, hours ${hours(b.effortHours.hours)}, days ${hours(b.effortHours.days)}`;
  const intro = `<p>Estimated <strong>${hours(b.totalHours)}</strong> in total. Each finding counts as its effort class: ${esc(rates)}.</p>`;
  const prios = b.priorities.map((p) => {
    const head = `<h3><span>${esc(p.id)} — ${esc(p.title)}</span><span class="meta">${plural(p.findings, 'finding')} · ${hours(p.hours)}${p.severities.length ? ` · ${esc(p.severities.join(', '))}` : ''}</span></h3>`;
    if (p.items.length === 0) return `<div class="prio">${head}<p class="empty">Nothing at this priority.</p></div>`;
    const rows = p.items.map((it) => [
      `${esc(it.title)}<br><code>${esc(it.checkId)}</code>`,
      `<span class="sev sev-${it.severity}">${it.severity}</span>`,
      esc(areaTitle(it.area)),
      esc(it.effort),
      `<span class="num">${it.findings}</span>`,
      `<span class="num">${hours(it.hours)}</span>`,
      locations(it.locations.map((l) => ({ file: l.path, line: l.line }))),
    ]);
    return `<div class="prio">${head}${table(['item', 'severity', 'area', 'effort', 'findings', 'hours', 'where'], rows, 'backlog')}</div>`;
  });
  return intro + prios.join('\n');
}

export function checklist(c: RunChecklist | undefined): string {
  if (!c || c.phases.every((p) => p.items.length === 0)) return '';
  return c.phases
    .filter((p) => p.items.length > 0)
    .map((p) => {
      const done = p.items.filter((i) => i.done).length;
      const items = p.items.map((i) => {
        const ev = i.evidence.length ? `<div class="meta">${locations(i.evidence)}</div>` : '';
        return `<li class="${i.done ? 'done' : 'open'}"><span class="text">${prose(i.text)}</span> <span class="src">${esc(i.source)}</span>${i.checkId ? ` <code>${esc(i.checkId)}</code>` : ''}${commandBlock(i.command, i.shell)}${ev}</li>`;
      });
      return `<h3>${esc(p.title)} <span class="meta">${done} of ${p.items.length} done</span></h3><ul class="checklist" aria-label="${esc(p.title)}">${items.join('\n')}</ul>`;
    })
    .join('\n');
}

export function envTable(run: Run): string {
  const env = run.inventory.envVars;
  if (env.length === 0) return '';
  const rows = env.map((v) => [
    `<code>${esc(v.name)}</code>`,
    locations(v.readAt),
    v.required ? '<span class="yes">yes</span>' : 'no (has default)',
    yesNo(v.documented, true),
    v.secret ? 'yes' : 'no',
  ]);
  return `<p class="meta">Every variable the code reads, where, whether the app starts without it, and whether a template (.env.example, README) documents it.</p>${table(['name', 'read at', 'required', 'documented', 'secret'], rows, 'env')}`;
}

function steps(list: RunRunbook['entries'][number]['diagnose']): string {
  if (list.length === 0) return '';
  return `<ol>${list.map((s) => `<li>${prose(s.text)}${commandBlock(s.command, s.shell)}</li>`).join('')}</ol>`;
}

export function runbook(r: RunRunbook | undefined): string {
  if (!r || r.entries.length === 0) return '';
  const platform = r.platform ? `<p>Commands for <strong>${esc(r.platform.title)}</strong>.</p>` : '';
  const entries = r.entries.map((e) => {
    const notes = e.notes.length
      ? `<h4>In this repository</h4><ul>${e.notes.map((n) => `<li>${prose(n.text)}${n.evidence.length ? ` <span class="meta">${locations(n.evidence)}</span>` : ''}</li>`).join('')}</ul>`
      : '';
    const because = e.because.length ? `<p class="meta">Applies because of: ${esc(e.because.join(', '))}${e.evidence.length ? ` (${locations(e.evidence)})` : ''}</p>` : '';
    return `<details class="rb" id="rb-${esc(e.id)}"><summary>${esc(e.title)}</summary>
${because}
${e.symptoms.length ? `<h4>Symptoms</h4><ul>${e.symptoms.map((s) => `<li>${prose(s)}</li>`).join('')}</ul>` : ''}
${e.diagnose.length ? `<h4>Diagnose</h4>${steps(e.diagnose)}` : ''}
${e.fix.length ? `<h4>Fix</h4>${steps(e.fix)}` : ''}
${notes}
</details>`;
  });
  return platform + entries.join('\n');
}

export function scaling(s: RunScaling | undefined): string {
  if (!s || (s.notes.length === 0 && s.triggers.length === 0)) return '';
  const platform = s.platform ? `<p>Platform: <strong>${esc(s.platform.title)}</strong>.</p>` : '';
  const notes = s.notes.length
    ? `<ul>${s.notes.map((n) => `<li>${prose(n.text)}${n.evidence.length ? ` <span class="meta">${locations(n.evidence)}</span>` : ''}</li>`).join('')}</ul>`
    : '';
  const rows = s.triggers.map((t) => [
    `<strong>${esc(t.component)}</strong>`,
    prose(t.signal),
    t.watch ? `${prose(t.watch.text)}${commandBlock(t.watch.command, t.watch.shell)}` : '',
    prose(t.action),
  ]);
  const triggers = rows.length ? `<h3>When to scale</h3>${table(['component', 'signal', 'watch', 'action'], rows, 'triggers')}` : '';
  return platform + notes + triggers;
}

export function analysisProblems(run: Run): string {
  const errored = run.checks.filter((c) => c.outcome === 'error');
  if (errored.length === 0 && run.errors.length === 0) return '';
  const items = [
    ...errored.map((c) => `<li>check <code>${esc(c.id)}</code> could not run: ${esc(c.summary ?? 'unknown error')}</li>`),
    ...run.errors.map((e) => `<li><span class="loc">${esc(e.path)}</span>: ${esc(e.message)}</li>`),
  ];
  return `<ul>${items.join('')}</ul>`;
}
