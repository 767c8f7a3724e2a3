/**
 * The run object: the JSON report, versioned. Its zod schema is the single source of truth;
 * docs/report-schema.json is generated from it. Renderers see only this.
 */
import { z } from 'zod';
import { AREAS, EFFORTS, SEVERITIES } from '../core/types.js';
import { sectionSchemas } from './schema-sections.js';

export const SCHEMA_VERSION = 1;

const severity = z.enum(SEVERITIES);
const area = z.enum(AREAS);

export const evidenceSchema = z.object({
  file: z.string(),
  line: z.number().int().min(0),
  endLine: z.number().int().optional(),
  snippet: z.string(),
  note: z.string().optional(),
});

/** Report sections (summary, backlog, checklist, runbook, inventory extras, architecture, scaling). */
const sections = sectionSchemas(evidenceSchema);

export const findingSchema = z.object({
  checkId: z.string(),
  severity,
  area,
  title: z.string(),
  message: z.string(),
  impact: z.string(),
  location: z.object({ path: z.string(), line: z.number().int().min(0), endLine: z.number().int().optional(), snippet: z.string() }),
  evidence: z.array(evidenceSchema),
  fix: z.string(),
  effort: z.enum(EFFORTS),
  fingerprint: z.string(),
});

export const checkSchema = z.object({
  id: z.string(),
  area,
  severity,
  title: z.string(),
  outcome: z.enum(['pass', 'fail', 'na', 'error']),
  experimental: z.boolean().optional(),
  summary: z.string().optional(),
  strengths: z.array(evidenceSchema).optional(),
  // The check's own description, so renderers that list every check (SARIF rule descriptors)
  // need not import the rules. Optional: runs saved before they existed still parse.
  /** The rule's default severity, present only when a finding raised or lowered `severity`. */
  defaultSeverity: severity.optional(),
  failureTitle: z.string().optional(),
  /** Markdown: why it matters. */
  why: z.string().optional(),
  /** The fix for the detected stack (the rule's `default` when none is tailored). */
  fix: z.string().optional(),
  effort: z.enum(EFFORTS).optional(),
  confidence: z.enum(['high', 'medium', 'low']).optional(),
  example: sections.example,
});

export const envVarSchema = z.object({
  name: z.string(),
  readAt: z.array(evidenceSchema),
  required: z.boolean(),
  /** Read only with os.getenv / os.environ.get and no default: the code gets None when it is unset. */
  optional: z.boolean().optional(),
  documented: z.boolean(),
  secret: z.boolean(),
  /** Where a compose file sets it for a service (`environment:`). */
  setIn: z.array(evidenceSchema).optional(),
});

export const routeSchema = z.object({
  method: z.string(),
  path: z.string(),
  framework: z.string(),
  location: evidenceSchema,
  auth: z.boolean(),
  rateLimited: z.boolean(),
  callsLlm: z.boolean(),
});

export const runSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('shipready'), version: z.string() }),
  scoringVersion: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number(),
  target: z.object({ path: z.string(), commit: z.string().optional(), url: z.string().optional() }),
  stats: z.object({ files: z.number().int(), parsedLines: z.number().int() }),
  stack: z.array(z.object({ id: z.string(), title: z.string(), evidence: z.array(evidenceSchema) })),
  inventory: z.object({
    services: z.array(z.object({ dir: z.string(), kind: z.string(), manifests: z.array(z.string()) })),
    routes: z.array(routeSchema),
    envVars: z.array(envVarSchema),
    ...sections.inventory,
  }),
  score: z.object({
    overall: z.number().int().min(0).max(100),
    verdict: z.enum(['NOT READY', 'NEEDS WORK', 'READY WITH RECOMMENDATIONS', 'PRODUCTION READY']),
    cappedBy: z.enum(['critical', 'high']).nullable(),
    areas: z.record(
      z.string(),
      z.object({ score: z.number().int(), passed: z.number().int(), failed: z.number().int(), notApplicable: z.number().int(), errors: z.number().int() }),
    ),
  }),
  checks: z.array(checkSchema),
  findings: z.array(findingSchema),
  suppressed: z.array(findingSchema),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
  ...sections.run,
});

export type Run = z.infer<typeof runSchema>;
export type RunFinding = z.infer<typeof findingSchema>;
export type RunCheck = z.infer<typeof checkSchema>;
export type RunEnvVar = z.infer<typeof envVarSchema>;

export function reportJsonSchema(): unknown {
  return { $id: 'https://shipready.dev/schema/run-v1.json', title: 'shipready run', ...z.toJSONSchema(runSchema) };
}
