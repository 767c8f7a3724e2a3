/**
 * The scoring formula as reports state it, taken from the scorer itself (core/scoring.ts), so the
 * weights a report prints are the weights that produced its scores. Renderers read it from here.
 */
import {
  AREA_WEIGHTS,
  CAP_OPEN_CRITICAL,
  CAP_OPEN_HIGH,
  NEEDS_WORK_BELOW,
  PRODUCTION_READY_FROM,
  SCORING_VERSION,
  SEVERITY_WEIGHTS,
} from '../core/scoring.js';

export const FORMULA = {
  version: SCORING_VERSION,
  severityWeights: SEVERITY_WEIGHTS,
  areaWeights: AREA_WEIGHTS,
  caps: { critical: CAP_OPEN_CRITICAL, high: CAP_OPEN_HIGH },
  verdicts: [
    { verdict: 'NOT READY', rule: 'an open critical finding' },
    { verdict: 'NEEDS WORK', rule: `overall below ${NEEDS_WORK_BELOW}` },
    { verdict: 'READY WITH RECOMMENDATIONS', rule: `${NEEDS_WORK_BELOW}–${PRODUCTION_READY_FROM - 1}, or an open high finding` },
    { verdict: 'PRODUCTION READY', rule: `${PRODUCTION_READY_FROM} or more and no open high finding` },
  ],
} as const;
