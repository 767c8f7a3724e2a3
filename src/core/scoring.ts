/**
 * Scoring is pure: check outcomes in, area scores, overall score and verdict out.
 * The formula is documented in the README and shown in the HTML report; change
 * SCORING_VERSION whenever it changes so old and new runs are not compared blindly.
 */
import type { CheckOutcome } from './run-rules.js';
import { AREAS, type Area, type Severity } from './types.js';

export const SCORING_VERSION = 1;

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 6, medium: 3, low: 1, info: 0 };

/** Security and data weigh most: a leak or a lost database ends a young company. */
export const AREA_WEIGHTS: Record<Area, number> = {
  security: 3,
  data: 2.5,
  reliability: 2,
  ai: 1.5,
  performance: 1.5,
  observability: 1.5,
  deployment: 1.5,
  testing: 1,
  docs: 0.5,
  frontend: 0.5,
};

export const CAP_OPEN_CRITICAL = 49;
export const CAP_OPEN_HIGH = 74;
/** Verdict thresholds on the overall score. */
export const NEEDS_WORK_BELOW = 75;
export const PRODUCTION_READY_FROM = 90;

export type Verdict = 'NOT READY' | 'NEEDS WORK' | 'READY WITH RECOMMENDATIONS' | 'PRODUCTION READY';

export interface AreaScore {
  score: number;
  passed: number;
  failed: number;
  notApplicable: number;
  errors: number;
}

export interface Score {
  overall: number;
  verdict: Verdict;
  /** Only areas with at least one applicable, weighted check. */
  areas: Partial<Record<Area, AreaScore>>;
  /** Why the overall score was capped, if it was. */
  cappedBy: 'critical' | 'high' | null;
}

export function score(checks: readonly CheckOutcome[]): Score {
  const areas: Partial<Record<Area, AreaScore>> = {};
  let weighted = 0;
  let totalWeight = 0;
  for (const area of AREAS) {
    const inArea = checks.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    let got = 0;
    let possible = 0;
    for (const c of inArea) {
      if (c.experimental || (c.outcome !== 'pass' && c.outcome !== 'fail')) continue;
      const w = SEVERITY_WEIGHTS[c.severity];
      possible += w;
      if (c.outcome === 'pass') got += w;
    }
    const count = (o: string) => inArea.filter((c) => c.outcome === o).length;
    if (possible === 0) continue;
    const s = Math.round((100 * got) / possible);
    areas[area] = { score: s, passed: count('pass'), failed: count('fail'), notApplicable: count('na'), errors: count('error') };
    weighted += s * AREA_WEIGHTS[area];
    totalWeight += AREA_WEIGHTS[area];
  }
  let overall = totalWeight === 0 ? 100 : Math.round(weighted / totalWeight);
  const open = checks.filter((c) => c.outcome === 'fail' && !c.experimental);
  const hasCritical = open.some((c) => c.severity === 'critical');
  const hasHigh = open.some((c) => c.severity === 'high');
  let cappedBy: Score['cappedBy'] = null;
  if (hasCritical && overall > CAP_OPEN_CRITICAL) {
    overall = CAP_OPEN_CRITICAL;
    cappedBy = 'critical';
  } else if (!hasCritical && hasHigh && overall > CAP_OPEN_HIGH) {
    overall = CAP_OPEN_HIGH;
    cappedBy = 'high';
  }
  let verdict: Verdict;
  if (hasCritical) verdict = 'NOT READY';
  else if (overall < NEEDS_WORK_BELOW) verdict = 'NEEDS WORK';
  else if (overall < PRODUCTION_READY_FROM || hasHigh) verdict = 'READY WITH RECOMMENDATIONS';
  else verdict = 'PRODUCTION READY';
  return { overall, verdict, areas, cappedBy };
}
