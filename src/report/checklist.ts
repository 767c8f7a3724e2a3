/**
 * The launch checklist, in three phases. Open items are the backlog (P0 before launch, P1 in the
 * first week, P2 in the first month); done items are the passing checks, placed by the severity
 * their failure would carry; standard items come from stack knowledge; two items come straight
 * from the facts (required variables to set on the platform, an uptime monitor on the health route).
 */
import type { Evidence } from '../core/evidence.js';
import { PHASE_TITLES, priorityOf, type PhaseId } from './knowledge/effort.js';
import { STANDARD_ITEMS } from './knowledge/checklist.js';
import type { PlatformOps } from './knowledge/platforms.js';
import type { Run } from './schema.js';
import type { RunBacklog, RunChecklist, RunChecklistItem } from './schema-sections.js';

export interface ChecklistInput {
  checks: Run['checks'];
  findings: Run['findings'];
  backlog: RunBacklog | undefined;
  stackIds: readonly string[];
  ops: PlatformOps | null;
  envVars: Run['inventory']['envVars'];
  routes: Run['inventory']['routes'];
}

const PHASES: PhaseId[] = ['pre-launch', 'first-week', 'first-month'];
const HEALTH_PATH = /^\/?(api\/)?(v\d+\/)?(health|healthz|healthcheck|ready|readyz|live|livez|status)\/?$/i;

export function buildChecklist(input: ChecklistInput): RunChecklist | undefined {
  const byPhase = new Map<PhaseId, RunChecklistItem[]>(PHASES.map((p) => [p, []]));
  const add = (phase: PhaseId, item: RunChecklistItem) => byPhase.get(phase)?.push(item);

  // Positions of the findings by fingerprint: a backlog item cites its first three findings in report order.
  const positions = new Map<string, number[]>();
  input.findings.forEach((f, i) => positions.set(f.fingerprint, [...(positions.get(f.fingerprint) ?? []), i]));
  for (const p of input.backlog?.priorities ?? []) {
    const phase = priorityOf(p.severities[0]).phase;
    for (const item of p.items) {
      const at = [...new Set(item.fingerprints.flatMap((fp) => positions.get(fp) ?? []))].sort((a, b) => a - b);
      const evidence = at.slice(0, 3).map((i) => input.findings[i].evidence[0]).filter((e): e is Evidence => e !== undefined);
      add(phase, { text: item.findings > 1 ? `${item.title} (${item.findings} places)` : item.title, done: false, source: 'finding', checkId: item.checkId, evidence });
    }
  }
  for (const item of factItems(input)) add('pre-launch', item);

  const ids = new Set(input.stackIds);
  const outcome = new Map(input.checks.map((c) => [c.id, c.outcome]));
  for (const def of STANDARD_ITEMS) {
    if (!def.stacks.every((s) => ids.has(s))) continue;
    // A check that ran decides the item: its pass is listed as done, its failure as open.
    if (def.coveredBy && outcome.has(def.coveredBy)) continue;
    const step = def.step(input.ops);
    if (!step.text) continue;
    add(def.phase, { text: step.text, done: false, source: 'standard', stack: def.stacks.join('+'), ...(step.command ? { command: step.command } : {}), ...(step.shell ? { shell: step.shell } : {}), evidence: [] });
  }

  for (const c of input.checks) {
    if (c.outcome !== 'pass' || c.experimental) continue;
    add(priorityOf(c.severity).phase, { text: c.title, done: true, source: 'check', checkId: c.id, evidence: (c.strengths ?? []).slice(0, 2) });
  }

  const phases = PHASES.map((id) => ({ id, title: PHASE_TITLES[id], items: byPhase.get(id) ?? [] })).filter((p) => p.items.length > 0);
  return phases.length ? { phases } : undefined;
}

function factItems(input: ChecklistInput): RunChecklistItem[] {
  const out: RunChecklistItem[] = [];
  const required = input.envVars.filter((v) => v.required);
  if (required.length) {
    const where = input.ops ? `on ${input.ops.title}` : 'where the app runs';
    const secrets = required.filter((v) => v.secret).map((v) => v.name);
    out.push({
      text: `Set the ${required.length} environment variables the code reads without a default ${where}${input.ops ? ` (${input.ops.setVariable.text})` : ''}: ${required.map((v) => v.name).join(', ')}${secrets.length ? `; secrets: ${secrets.join(', ')}` : ''}`,
      done: false,
      source: 'fact',
      ...(input.ops?.setVariable.command ? { command: input.ops.setVariable.command } : {}),
      evidence: required.map((v) => v.readAt[0]).filter((e): e is Evidence => e !== undefined),
    });
  }
  const health = input.routes.find((r) => r.method === 'GET' && HEALTH_PATH.test(r.path));
  if (health) {
    out.push({ text: `Point an external uptime monitor at GET ${health.path} and alert someone when it fails`, done: false, source: 'fact', evidence: [health.location] });
  }
  return out;
}
