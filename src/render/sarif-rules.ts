/**
 * SARIF rule descriptors (`tool.driver.rules`): one per check in the run. Everything comes from the
 * run object's check entries, so a renderer never imports the rules themselves.
 */
import type * as Sarif from 'sarif';
import type { Severity } from '../core/types.js';
import type { RunCheck, RunFinding } from '../report/schema.js';

/** SARIF has three result levels; shipready's five severities fold into them. */
export function levelFor(severity: Severity): Sarif.ReportingConfiguration.level {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/**
 * GitHub code scanning reads `properties["security-severity"]` (a number 0.0–10.0 as a string) on
 * rules tagged `security` to rank alerts: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9
 * low. Each value sits inside the band of the matching shipready severity. Informational checks get
 * none: they are not vulnerabilities.
 */
const SECURITY_SEVERITY: Partial<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };

/** GitHub keeps at most 20 tags per rule (it shows 10). */
const MAX_TAGS = 20;

/** `cors-wildcard` → `CorsWildcard`: SARIF's `name` is a readable identifier, not a sentence. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function explainHint(id: string): string {
  return `Run \`shipready explain ${id}\` for the fix per stack and examples.`;
}

interface DescriptorInput {
  id: string;
  area: RunCheck['area'];
  /** The rule's default severity: a descriptor describes the check, not one run's outcome. */
  severity: Severity;
  /**
   * The worst severity the check reached in this run. GitHub reads security severity from the
   * rule only, so a finding raised to critical (a credentialed CORS wildcard) must show there.
   */
  worst: Severity;
  title: string;
  why?: string;
  fix?: string;
  effort?: RunCheck['effort'];
  confidence?: RunCheck['confidence'];
  experimental?: boolean;
}

function descriptor(d: DescriptorInput): Sarif.ReportingDescriptor {
  const why = d.why?.trim();
  const fix = d.fix?.trim();
  // `why` is the fullDescription already; help is what to do about it.
  const effort = d.effort ? `Effort: ${d.effort}.` : undefined;
  const textParts = [fix ? `Fix: ${fix}` : undefined, effort, explainHint(d.id)];
  const markdownParts = [fix ? `**Fix:** ${fix}` : undefined, effort, explainHint(d.id)];
  const tags = ['shipready', d.area, ...(d.area === 'security' ? ['security'] : [])];
  const securitySeverity = d.area === 'security' ? SECURITY_SEVERITY[d.worst] : undefined;
  return {
    id: d.id,
    name: ruleName(d.id),
    shortDescription: { text: d.title },
    fullDescription: why ? { text: why, markdown: why } : { text: d.title },
    help: { text: textParts.filter(Boolean).join('\n\n'), markdown: markdownParts.filter(Boolean).join('\n\n') },
    defaultConfiguration: { level: levelFor(d.severity) },
    properties: {
      tags: [...new Set(tags)].slice(0, MAX_TAGS),
      area: d.area,
      severity: d.severity,
      ...(d.effort ? { effort: d.effort } : {}),
      // GitHub's `precision` takes very-high | high | medium | low; a check's confidence maps onto it.
      ...(d.confidence ? { precision: d.confidence } : {}),
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
      ...(d.experimental ? { experimental: true } : {}),
    },
  };
}

/** The descriptor of a check as the run recorded it. */
export function descriptorForCheck(c: RunCheck): Sarif.ReportingDescriptor {
  return descriptor({
    id: c.id,
    area: c.area,
    severity: c.defaultSeverity ?? c.severity,
    worst: c.severity,
    // The alert headline names the problem; runs saved before failureTitle existed fall back to the title.
    title: c.failureTitle ?? c.title,
    why: c.why,
    fix: c.fix,
    effort: c.effort,
    confidence: c.confidence,
    experimental: c.experimental,
  });
}

/**
 * A descriptor for a finding whose check is missing from `run.checks` (a hand-edited or partial
 * saved run): every result must reference a rule, so one is made from what the finding carries.
 */
export function descriptorForFinding(f: RunFinding): Sarif.ReportingDescriptor {
  return descriptor({ id: f.checkId, area: f.area, severity: f.severity, worst: f.severity, title: f.title, why: f.impact, fix: f.fix, effort: f.effort });
}
