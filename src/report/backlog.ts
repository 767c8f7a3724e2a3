/**
 * The prioritised backlog: open findings grouped by priority, then by check. Priority comes from
 * the finding's severity, effort from the check's metadata; every total is a sum of the effort
 * table in knowledge/effort.ts, which the run object carries so the report can state it.
 */
import { severityRank } from '../core/types.js';
import { EFFORT_HOURS, PRIORITY_RULES, priorityOf } from './knowledge/effort.js';
import type { RunFinding } from './schema.js';
import type { RunBacklog, RunBacklogItem } from './schema-sections.js';

export function buildBacklog(findings: readonly RunFinding[]): RunBacklog | undefined {
  if (findings.length === 0) return undefined;
  const priorities = PRIORITY_RULES.map((rule) => {
    const mine = findings.filter((f) => priorityOf(f.severity).id === rule.id);
    const items = groupByCheck(mine).sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        // Within a severity, quick wins first: they clear the most findings per hour.
        EFFORT_HOURS[a.effort] - EFFORT_HOURS[b.effort] ||
        a.checkId.localeCompare(b.checkId),
    );
    return { id: rule.id, title: rule.title, severities: [...rule.severities], items, findings: mine.length, hours: sum(items.map((i) => i.hours)) };
  });
  return { effortHours: { ...EFFORT_HOURS }, priorities, totalHours: sum(priorities.map((p) => p.hours)) };
}

function groupByCheck(findings: readonly RunFinding[]): RunBacklogItem[] {
  const byCheck = new Map<string, RunFinding[]>();
  for (const f of findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
  return [...byCheck.values()].map((group) => {
    const first = group[0];
    const worst = group.reduce((w, f) => (severityRank(f.severity) < severityRank(w) ? f.severity : w), first.severity);
    return {
      checkId: first.checkId,
      area: first.area,
      severity: worst,
      title: first.title,
      effort: first.effort,
      findings: group.length,
      hours: group.length * EFFORT_HOURS[first.effort],
      locations: group.map((f) => ({ path: f.location.path, line: f.location.line })),
      fingerprints: group.map((f) => f.fingerprint),
    };
  });
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** "0.25", "2", "12.5": hours as a reader writes them. */
export function formatHours(h: number): string {
  return Number.isInteger(h) ? String(h) : String(Number(h.toFixed(2)));
}
