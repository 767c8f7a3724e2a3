/**
 * SARIF 2.1.0: one run, every check as a rule descriptor, every finding as a result. Written for
 * GitHub code scanning's upload rules: relative URIs against `%SRCROOT%`, levels error | warning |
 * note, `partialFingerprints` from the finding's fingerprint, and its documented per-run limits,
 * enforced by truncation with a notification rather than by a rejected upload.
 */
import type * as Sarif from 'sarif';
import { severityRank } from '../core/types.js';
import type { Run, RunFinding } from '../report/schema.js';
import { descriptorForCheck, descriptorForFinding, levelFor } from './sarif-rules.js';

/** The OASIS standard's own schema URI (SARIF 2.1.0 with Errata 01). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';
/** Key of shipready's fingerprint in `partialFingerprints`; the version changes with its formula. */
export const FINGERPRINT_KEY = 'shipready/v1';

/**
 * GitHub's hard limits per run ("SARIF results exceed limits"): over them the whole upload is
 * rejected. Locations: it accepts 1,000 per result but keeps only 100, so more is noise.
 */
export const GITHUB_LIMITS = { results: 25_000, rules: 25_000, relatedLocations: 100 } as const;

type Notification = Sarif.Notification;

/** A repository path as a relative URI reference: each segment percent-encoded, `/` kept. */
function relativeUri(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

function artifact(path: string): Sarif.ArtifactLocation {
  return { uri: relativeUri(path), uriBaseId: SRCROOT };
}

/**
 * Line 0 means "the file as a whole". GitHub requires `region.startLine`, so such a location points
 * at line 1 without a snippet (the snippet would not be line 1's text).
 */
function physical(file: string, line: number, endLine: number | undefined, snippet: string): Sarif.PhysicalLocation {
  if (line < 1) return { artifactLocation: artifact(file), region: { startLine: 1 } };
  return {
    artifactLocation: artifact(file),
    region: {
      startLine: line,
      ...(endLine && endLine > line ? { endLine } : {}),
      // Snippets are whitespace-normalised, clipped and redacted: a preview, not the exact bytes.
      ...(snippet ? { snippet: { text: snippet } } : {}),
    },
  };
}

function result(f: RunFinding, ruleIndex: number, helpFix: string | undefined, suppressed: boolean): Sarif.Result {
  const related = f.evidence.slice(1).filter((e) => e.file);
  const kept = related.slice(0, GITHUB_LIMITS.relatedLocations);
  // The rule's help carries the fix for the detected stack; a finding tailored to another stack says so.
  const text = f.fix && f.fix.trim() !== helpFix?.trim() ? `${f.message}\nFix: ${f.fix}` : f.message;
  const primaryNote = f.evidence[0]?.note;
  return {
    ruleId: f.checkId,
    ruleIndex,
    level: levelFor(f.severity),
    message: { text },
    locations: [
      {
        physicalLocation: physical(f.location.path, f.location.line, f.location.endLine, f.location.snippet),
        ...(primaryNote ? { message: { text: primaryNote } } : {}),
      },
    ],
    ...(kept.length
      ? {
          relatedLocations: kept.map((e, i) => ({
            id: i + 1,
            physicalLocation: physical(e.file, e.line, e.endLine, e.snippet),
            ...(e.note ? { message: { text: e.note } } : {}),
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(suppressed ? { suppressions: [{ kind: 'external' as const }] } : {}),
    properties: {
      severity: f.severity,
      area: f.area,
      effort: f.effort,
      ...(related.length > kept.length ? { relatedLocationsOmitted: related.length - kept.length } : {}),
    },
  };
}

function rulesAndIndex(run: Run): { rules: Sarif.ReportingDescriptor[]; index: Map<string, number>; fixes: Map<string, string | undefined> } {
  const rules: Sarif.ReportingDescriptor[] = [];
  const index = new Map<string, number>();
  const fixes = new Map<string, string | undefined>();
  const add = (d: Sarif.ReportingDescriptor, fix: string | undefined) => {
    if (index.has(d.id)) return;
    index.set(d.id, rules.length);
    fixes.set(d.id, fix);
    rules.push(d);
  };
  for (const c of run.checks) add(descriptorForCheck(c), c.fix);
  for (const f of [...run.findings, ...run.suppressed]) if (!index.has(f.checkId)) add(descriptorForFinding(f), f.fix);
  return { rules, index, fixes };
}

function endTime(startedAt: string, durationMs: number): string | undefined {
  const t = Date.parse(startedAt);
  return Number.isNaN(t) ? undefined : new Date(t + Math.round(durationMs)).toISOString();
}

function notification(level: Notification['level'], text: string, extra: Partial<Notification> = {}): Notification {
  return { level, message: { text }, ...extra };
}

export function renderSarif(run: Run): string {
  const notes: Notification[] = [];
  const { rules: allRules, index, fixes } = rulesAndIndex(run);
  const rules = allRules.slice(0, GITHUB_LIMITS.rules);
  if (allRules.length > rules.length) {
    notes.push(notification('warning', `${allRules.length - rules.length} of ${allRules.length} checks left out: GitHub accepts at most ${GITHUB_LIMITS.rules} rules per run; their findings are left out too.`));
  }
  // Worst first, so truncation keeps what matters (GitHub also ranks by severity).
  const candidates = [...run.findings.map((f) => ({ f, suppressed: false })), ...run.suppressed.map((f) => ({ f, suppressed: true }))]
    .filter(({ f }) => (index.get(f.checkId) ?? Infinity) < rules.length)
    .sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || severityRank(a.f.severity) - severityRank(b.f.severity));
  // Code scanning rejects a result without a file; say so rather than invent a location.
  const located = candidates.filter(({ f }) => f.location.path);
  if (located.length < candidates.length) {
    notes.push(notification('warning', `${candidates.length - located.length} finding(s) without a file left out: code scanning needs a location for every result.`));
  }
  const kept = located.slice(0, GITHUB_LIMITS.results);
  if (located.length > kept.length) {
    notes.push(notification('warning', `${located.length - kept.length} of ${located.length} results left out (the least severe): GitHub accepts at most ${GITHUB_LIMITS.results} results per run.`));
  }
  const results = kept.map(({ f, suppressed }) => result(f, index.get(f.checkId) as number, fixes.get(f.checkId), suppressed));

  for (const c of run.checks) {
    if (c.outcome !== 'error') continue;
    const ruleIndex = index.get(c.id) as number;
    const associatedRule = ruleIndex < rules.length ? { id: c.id, index: ruleIndex } : { id: c.id };
    notes.push(notification('error', `Check ${c.id} could not run: ${c.summary ?? 'analysis failed'}`, { associatedRule }));
  }
  for (const e of run.errors) {
    const where = e.path && e.path !== '.' ? { locations: [{ physicalLocation: { artifactLocation: artifact(e.path) } }] } : {};
    notes.push(notification('warning', `${e.path || '.'}: ${e.message}`, where));
  }

  const end = endTime(run.startedAt, run.durationMs);
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipready',
            version: run.tool.version,
            ...(/^\d+\.\d+\.\d+/.test(run.tool.version) ? { semanticVersion: run.tool.version } : {}),
            rules,
          },
        },
        invocations: [
          {
            // Unanalysable files and failed checks are reported, not fatal: the audit itself completed.
            executionSuccessful: true,
            ...(end ? { startTimeUtc: new Date(Date.parse(run.startedAt)).toISOString(), endTimeUtc: end } : {}),
            ...(notes.length ? { toolExecutionNotifications: notes } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: srcRoot(run.target.path) },
        results,
        properties: {
          score: run.score.overall,
          verdict: run.score.verdict,
          scoringVersion: run.scoringVersion,
          ...(run.target.commit ? { commit: run.target.commit } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * `%SRCROOT%` is the audited folder. An absolute target becomes a `file:` URI (with the trailing
 * slash the spec requires); a relative one cannot be resolved without the caller's working
 * directory, so it is described instead and consumers (GitHub: the checkout) supply the base.
 */
function srcRoot(target: string): Sarif.ArtifactLocation {
  const description = { text: `The folder shipready audited (${target}); result paths are relative to it.` };
  if (!target.startsWith('/')) return { description };
  const path = target.endsWith('/') ? target : `${target}/`;
  return { uri: `file://${path.split('/').map(encodeURIComponent).join('/')}`, description };
}
