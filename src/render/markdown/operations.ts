/** Runbook and scaling notes: how to operate what was detected, on the platform it runs on. */
import type { Run } from '../../report/schema.js';
import { stepText, where } from './util.js';

type Step = { text: string; command?: string; shell?: string };

function numbered(steps: Step[]): string[] {
  return steps.flatMap((s, i) => {
    const [head, ...rest] = stepText(s, '   ');
    return [`${i + 1}. ${head}`, ...rest];
  });
}

export function runbookSection(run: Run): string[] {
  const rb = run.runbook;
  if (!rb || rb.entries.length === 0) return [];
  const out = ['## Runbook', ''];
  const platform = rb.platform ? run.stack.find((s) => s.id === rb.platform?.id) : undefined;
  out.push(
    rb.platform
      ? `Commands are for ${rb.platform.title}${platform ? ` (detected from ${where(platform.evidence[0])})` : ''}. ${rb.platform.prerequisites ? `${rb.platform.prerequisites}. ` : ''}Placeholders in angle brackets are names only your account knows.`
      : 'No deployment platform was detected: run the commands where the app runs.',
    '',
  );
  for (const e of rb.entries) {
    out.push(`### ${e.title}`, '');
    const because = e.evidence.map(where).filter(Boolean);
    out.push(`*Applies because: ${e.because.join(', ')}${because.length ? ` (${because.join(', ')})` : ''}.*`, '');
    out.push('**Symptoms**', '', ...e.symptoms.map((s) => `- ${s}`), '');
    if (e.diagnose.length) out.push('**Diagnose**', '', ...numbered(e.diagnose), '');
    if (e.fix.length) out.push('**Fix**', '', ...numbered(e.fix), '');
    if (e.notes.length) out.push('**In this repository**', '', ...e.notes.map((n) => `- ${n.text}`), '');
  }
  return out;
}

export function scalingSection(run: Run): string[] {
  const sc = run.scaling;
  if (!sc || (sc.notes.length === 0 && sc.triggers.length === 0)) return [];
  const out = ['## Scaling notes and triggers', ''];
  if (sc.notes.length) {
    out.push(`What the code and start commands fix today${sc.platform ? ` (platform: ${sc.platform.title})` : ''}:`, '');
    for (const n of sc.notes) out.push(`- ${n.text}`);
    out.push('');
  }
  if (sc.triggers.length) {
    out.push('### Triggers', '', 'When a signal holds for days rather than minutes, act. The thresholds are rules of thumb, not measurements of this app.', '');
    for (const t of sc.triggers) {
      out.push(`- **${t.component}** — ${t.signal}.`);
      if (t.watch) {
        const [head, ...rest] = stepText(t.watch, '    ');
        out.push(`  - Watch: ${head.charAt(0).toLowerCase()}${head.slice(1)}`, ...rest);
      }
      out.push(`  - Act: ${t.action}.`);
    }
    out.push('');
  }
  return out;
}
