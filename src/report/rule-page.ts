/** The explain page of a check, shared by `shipready explain` and docs/rules/<id>.md. */
import type { Rule } from '../core/rule.js';
import { AREA_TITLES } from '../core/types.js';

export function rulePage(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    `# ${m.id}`,
    '',
    `**${m.title}** — when it fails: *${m.failureTitle}*`,
    '',
    `| area | severity | effort | applies to | confidence |`,
    `|---|---|---|---|---|`,
    `| ${AREA_TITLES[m.area]} | ${m.severity} | ${m.effort} | ${m.appliesTo.join(', ')} | ${m.confidence}${m.experimental ? ' (experimental)' : ''} |`,
    '',
    '## Why it matters',
    '',
    m.why.trim(),
    '',
    '## How to fix',
    '',
  ];
  for (const [stack, text] of Object.entries(m.fix)) {
    lines.push(stack === 'default' ? text.trim() : `**${stack}:** ${text.trim()}`, '');
  }
  if (m.examples?.bad || m.examples?.good) {
    lines.push('## Examples', '');
    if (m.examples.bad) lines.push('Flagged:', '', '```' + (m.examples.lang ?? ''), m.examples.bad.trim(), '```', '');
    if (m.examples.good) lines.push('Passes:', '', '```' + (m.examples.lang ?? ''), m.examples.good.trim(), '```', '');
  }
  lines.push(`Facts read: ${m.needs.join(', ')}.`, '');
  return lines.join('\n');
}
