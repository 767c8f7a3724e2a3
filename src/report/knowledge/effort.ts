/**
 * How effort classes and severities turn into backlog estimates and priorities. The report states
 * both tables (they travel in the run object), so every total it prints can be recomputed by hand.
 */
import type { Effort, Severity } from '../../core/types.js';

/** Hours one finding of a check with this effort class is estimated at. */
export const EFFORT_HOURS: Record<Effort, number> = { minutes: 0.25, hours: 2, days: 8 };

export type PriorityId = 'P0' | 'P1' | 'P2';
export type PhaseId = 'pre-launch' | 'first-week' | 'first-month';

export interface PriorityRule {
  id: PriorityId;
  title: string;
  severities: Severity[];
  /** The launch-checklist phase that carries this priority's open items. */
  phase: PhaseId;
}

/** Priority follows the finding's severity only: P0 blocks launch, as the verdict caps do. */
export const PRIORITY_RULES: readonly PriorityRule[] = [
  { id: 'P0', title: 'must fix before launch', severities: ['critical', 'high'], phase: 'pre-launch' },
  { id: 'P1', title: 'fix this week', severities: ['medium'], phase: 'first-week' },
  { id: 'P2', title: 'fix this month', severities: ['low', 'info'], phase: 'first-month' },
];

export const PHASE_TITLES: Record<PhaseId, string> = {
  'pre-launch': 'Pre-launch',
  'first-week': 'First week',
  'first-month': 'First month',
};

export function priorityOf(severity: Severity): PriorityRule {
  return PRIORITY_RULES.find((p) => p.severities.includes(severity)) ?? PRIORITY_RULES[PRIORITY_RULES.length - 1];
}
