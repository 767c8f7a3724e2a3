/** The prioritised backlog and the launch checklist: what to do, in which order, for how long. */
import { formatHours } from '../../report/backlog.js';
import type { Run } from '../../report/schema.js';
import { cell, code, stepText, where } from './util.js';

const LOCATIONS_SHOWN = 3;

export function backlogSection(run: Run): string[] {
  const b = run.backlog;
  if (!b || b.priorities.every((p) => p.items.length === 0)) return [];
  const rule = b.priorities.map((p) => `**${p.id}** (${p.severities.join(', ')}): ${p.title}`).join(' · ');
  const effort = Object.entries(b.effortHours).map(([k, h]) => `${k} = ${formatHours(h)} h`).join(', ');
  const out = ['## Prioritised backlog', ''];
  out.push(`Priority follows each finding's severity: ${rule}.`, '');
  out.push(`Effort comes from each check's effort class, per finding: ${effort}. An item's hours are its findings times that; totals are sums. Whole backlog: **${formatHours(b.totalHours)} h**.`, '');
  for (const p of b.priorities) {
    if (p.items.length === 0) continue;
    out.push(`### ${p.id} — ${p.title}: ${p.findings} finding${p.findings === 1 ? '' : 's'}, ${formatHours(p.hours)} h`, '');
    out.push('| # | item | check | severity | findings | effort | hours | where |', '|---:|---|---|---|---:|---|---:|---|');
    p.items.forEach((i, n) => {
      const at = i.locations.slice(0, LOCATIONS_SHOWN).map((l) => where({ file: l.path, line: l.line }));
      const more = i.locations.length > LOCATIONS_SHOWN ? ` +${i.locations.length - LOCATIONS_SHOWN}` : '';
      out.push(`| ${n + 1} | ${cell(i.title)} | ${code(i.checkId)} | ${i.severity} | ${i.findings} | ${i.effort} | ${formatHours(i.hours)} | ${cell(at.join(', ') + more)} |`);
    });
    out.push(`| | **total** | | | **${p.findings}** | | **${formatHours(p.hours)}** | |`, '');
  }
  return out;
}

export function checklistSection(run: Run): string[] {
  const c = run.checklist;
  if (!c || c.phases.length === 0) return [];
  const out = ['## Launch checklist', ''];
  out.push(
    'Open items are the backlog (P0 before launch, P1 in the first week, P2 in the first month) and steps computed from the facts; ticked items are checks that pass; items marked *(stack)* are standard steps for a detected component.',
    '',
  );
  for (const phase of c.phases) {
    out.push(`### ${phase.title}`, '');
    for (const item of phase.items) {
      const [head, ...rest] = stepText(item, '  ');
      const ev = item.evidence.slice(0, 3).map(where).filter(Boolean);
      const tag = item.checkId ? ` ${code(item.checkId)}` : item.source === 'standard' && item.stack ? ` *(${item.stack})*` : '';
      out.push(`- [${item.done ? 'x' : ' '}] ${head}${tag}${ev.length ? ` — ${ev.join(', ')}` : ''}`, ...rest);
    }
    out.push('');
  }
  return out;
}

export function envSection(run: Run): string[] {
  const env = run.inventory.envVars;
  if (env.length === 0) return [];
  const required = env.filter((v) => v.required).length;
  const optional = env.filter((v) => v.optional).length;
  const undocumented = env.filter((v) => !v.documented).length;
  const secrets = env.filter((v) => v.secret).length;
  const out = ['## Recommended environment variables', ''];
  out.push(
    `The ${env.length} variables the code reads: ${required} required (no default), ${env.length - required - optional} with a default${optional ? `, ${optional} optional (read with getenv, None when unset)` : ''}; ${undocumented} missing from the env template; ${secrets} named like secrets (set them in the platform's secret store, never in a committed file).`,
    '',
  );
  // The compose column appears only when a compose file sets any of these variables.
  const compose = env.some((v) => v.setIn?.length);
  out.push(
    `| name | read at | required or defaulted | documented | secret |${compose ? ' set in compose |' : ''}`,
    `|---|---|---|---|---|${compose ? '---|' : ''}`,
  );
  for (const v of env) {
    const at = v.readAt.slice(0, 3).map(where).join(', ') + (v.readAt.length > 3 ? ` +${v.readAt.length - 3}` : '');
    const set = compose ? ` ${(v.setIn ?? []).slice(0, 2).map(where).join(', ') || '—'} |` : '';
    out.push(`| ${code(cell(v.name))} | ${at} | ${v.required ? 'required' : v.optional ? 'optional' : 'defaulted'} | ${v.documented ? 'yes' : '**no**'} | ${v.secret ? 'yes' : 'no'} |${set}`);
  }
  out.push('');
  return out;
}
