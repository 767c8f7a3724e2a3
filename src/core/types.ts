/** Vocabulary shared by rules, scoring and the report. */

export const AREAS = [
  'security',
  'reliability',
  'performance',
  'observability',
  'data',
  'deployment',
  'testing',
  'docs',
  'frontend',
  'ai',
] as const;
export type Area = (typeof AREAS)[number];

export const AREA_TITLES: Record<Area, string> = {
  security: 'Security',
  reliability: 'Reliability',
  performance: 'Performance',
  observability: 'Observability',
  data: 'Data safety',
  deployment: 'Deployment',
  testing: 'Testing and CI',
  docs: 'Documentation and operations',
  frontend: 'Front end',
  ai: 'AI / LLM',
};

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const EFFORTS = ['minutes', 'hours', 'days'] as const;
export type Effort = (typeof EFFORTS)[number];

export type Outcome = 'pass' | 'fail' | 'na' | 'error';

/** Stack families a check can claim; see checks.md "Stacks". */
export const STACK_TAGS = ['py', 'node', 'docker', 'ci', 'platform', 'fe', 'any'] as const;
export type StackTag = (typeof STACK_TAGS)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
