/** Builds the versioned run object from an audit. Everything a renderer shows is computed here. */
import { compareEvidence } from '../core/evidence.js';
import { SCORING_VERSION } from '../core/scoring.js';
import { severityRank } from '../core/types.js';
import type { AuditResult } from '../audit/run.js';
import { runSchema, SCHEMA_VERSION, type Run } from './schema.js';
import { buildEnvTable } from './env-table.js';
import { buildRouteInventory } from './inventory.js';
import { gatherFacts } from './report-facts.js';
import { withSections } from './sections.js';
import { TOOL_VERSION } from './version.js';

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

export function buildRun(audit: AuditResult, target: { path: string; commit?: string }): Run {
  const findings = audit.result.findings
    .map((f) => {
      const primary = f.evidence[0] ?? { file: '', line: 0, snippet: '' };
      return {
        checkId: f.checkId,
        severity: f.severity,
        area: f.area,
        title: f.title,
        message: f.message,
        impact: f.impact,
        location: {
          path: primary.file,
          line: primary.line,
          ...(primary.endLine ? { endLine: primary.endLine } : {}),
          snippet: primary.snippet,
        },
        evidence: f.evidence,
        fix: f.fix,
        effort: f.effort,
        fingerprint: f.fingerprint,
      };
    })
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        a.checkId.localeCompare(b.checkId) ||
        compareEvidence(a.evidence[0] ?? { file: '', line: 0, snippet: '' }, b.evidence[0] ?? { file: '', line: 0, snippet: '' }),
    );
  const run: Run = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'shipready', version: TOOL_VERSION },
    scoringVersion: SCORING_VERSION,
    startedAt: audit.startedAt.toISOString(),
    durationMs: audit.durationMs,
    target,
    stats: { files: audit.fileCount, parsedLines: audit.lineCount },
    stack: audit.stacks.map((s) => ({ id: s.id, title: s.title, evidence: s.evidence })),
    inventory: {
      services: audit.repo.discovery.services.map((s) => ({ dir: s.dir, kind: s.kind, manifests: s.manifests })),
      routes: safe(() => buildRouteInventory(audit.facts.routes), []),
      envVars: safe(
        () =>
          buildEnvTable(
            audit.facts.envReads,
            audit.facts.envTemplates,
            audit.facts.platformConfigs.filter((p) => p.platform === 'compose').flatMap((p) => p.environment ?? []),
          ),
        [],
      ),
    },
    score: {
      overall: audit.score.overall,
      verdict: audit.score.verdict,
      cappedBy: audit.score.cappedBy,
      areas: audit.score.areas as Run['score']['areas'],
    },
    checks: audit.result.checks.map((c) => ({
      id: c.id,
      area: c.area,
      severity: c.severity,
      title: c.title,
      outcome: c.outcome,
      ...(c.experimental ? { experimental: true } : {}),
      ...(c.summary ? { summary: c.summary } : {}),
      ...(c.strengths && c.strengths.length ? { strengths: c.strengths } : {}),
      // Only when a finding moved it, to keep the common case small.
      ...(c.defaultSeverity && c.defaultSeverity !== c.severity ? { defaultSeverity: c.defaultSeverity } : {}),
      ...(c.failureTitle ? { failureTitle: c.failureTitle } : {}),
      ...(c.why ? { why: c.why } : {}),
      ...(c.fix ? { fix: c.fix } : {}),
      ...(c.effort ? { effort: c.effort } : {}),
      ...(c.confidence ? { confidence: c.confidence } : {}),
    })),
    findings,
    suppressed: [],
    errors: audit.errors,
  };
  // Summary, backlog, checklist, runbook, inventory extras, architecture, scaling (src/report/sections.ts).
  // Parsing through the schema gives every object its schema key order, so a run saved as JSON and
  // re-rendered by `shipready report` is byte-identical to the original, and nothing off-schema leaks.
  return runSchema.parse(withSections(run, gatherFacts(audit.facts)));
}
