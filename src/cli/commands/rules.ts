/** `shipready rules` and `shipready explain <id>`. */
import { AREA_TITLES, AREAS } from '../../core/types.js';
import { rulePage } from '../../report/rule-page.js';
import { RULES } from '../../rules/index.generated.js';
import { UserError } from '../user-error.js';

export function rulesCommand(json: boolean): string {
  const sorted = [...RULES].sort((a, b) => AREAS.indexOf(a.meta.area) - AREAS.indexOf(b.meta.area) || a.meta.id.localeCompare(b.meta.id));
  if (json) {
    return `${JSON.stringify(sorted.map((r) => ({ id: r.meta.id, area: r.meta.area, severity: r.meta.severity, title: r.meta.title, appliesTo: r.meta.appliesTo })), null, 2)}\n`;
  }
  const out: string[] = [];
  let area = '';
  for (const r of sorted) {
    if (r.meta.area !== area) {
      area = r.meta.area;
      out.push('', `${AREA_TITLES[r.meta.area]}`);
    }
    out.push(`  ${r.meta.id.padEnd(34)} ${r.meta.severity.padEnd(8)} ${r.meta.title}`);
  }
  out.push('', `${RULES.length} checks. \`shipready explain <id>\` for details.`);
  return `${out.join('\n').trimStart()}\n`;
}

export function explainCommand(id: string): string {
  const rule = RULES.find((r) => r.meta.id === id);
  if (!rule) {
    const near = RULES.filter((r) => r.meta.id.includes(id) || id.includes(r.meta.id)).map((r) => r.meta.id);
    throw new UserError(`unknown check '${id}'${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}; see \`shipready rules\``);
  }
  return rulePage(rule);
}
