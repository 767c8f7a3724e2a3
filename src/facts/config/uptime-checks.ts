/**
 * Uptime monitoring configured in the repository itself, which counts as documented monitoring:
 * a scheduled CI job that requests a health URL (a poor man's uptime check), a Checkly project, an
 * Upptime config, Prometheus alerting rules or an Alertmanager config.
 */
import type { Evidence } from '../../core/evidence.js';
import { evidenceForFile } from '../../core/evidence.js';
import { parse } from 'yaml';
import type { FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const CHECKER_FILE = /(^|\/)(checkly\.config\.(ts|js|mjs|cjs)|\.upptimerc\.ya?ml|alertmanager\.ya?ml)$|(^|\/)__checks__\/[^/]+\.(ts|js)$/i;
/** curl / wget / http of a health-like URL (plain shell text of a CI step). */
const HEALTH_PROBE = /\b(curl|wget|http|httpie)\b[^\n]*\bhttps?:\/\/\S*\/(health|healthz|healthcheck|status|ping|ready|readyz|livez)\b/i;
const PROM_RULES = /(^|\/)(prometheus|alerts?|rules|monitoring)[^/]*\/[^/]+\.ya?ml$|\.rules\.ya?ml$|(^|\/)alerts?\.ya?ml$/i;

export function uptimeChecks(repo: RepoContext, facts: FactMap): Evidence[] {
  const out: Evidence[] = [];
  for (const f of repo.discovery.files) {
    if (f.role === 'fixture' || f.role === 'test') continue;
    if (CHECKER_FILE.test(f.path)) out.push(evidenceForFile(f.path, 'uptime / alerting configuration'));
    else if (PROM_RULES.test(f.path)) {
      const line = alertRuleLine(repo, f.path);
      if (line) out.push(repo.ev(f.path, line, { note: 'Prometheus alerting rule' }));
    }
  }
  for (const c of facts.ciConfigs) {
    if (!c.triggers.includes('schedule')) continue;
    for (const j of c.jobs) {
      if (j.triggers && !j.triggers.includes('schedule')) continue;
      const step = j.steps.find((s) => HEALTH_PROBE.test(s.run));
      if (step) out.push({ ...step.evidence, note: 'scheduled health probe' });
    }
  }
  return out;
}

/** Line of the first `alert:` of a Prometheus rules file (groups[].rules[].alert), parsed as YAML. */
function alertRuleLine(repo: RepoContext, path: string): number | null {
  const text = repo.read(path);
  if (text === undefined) return null;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return null;
  }
  const groups = (doc as { groups?: unknown } | null)?.groups;
  if (!Array.isArray(groups)) return null;
  const has = groups.some((g) => Array.isArray((g as { rules?: unknown })?.rules) && (g as { rules: unknown[] }).rules.some((r) => typeof (r as { alert?: unknown })?.alert === 'string'));
  if (!has) return null;
  const i = repo.lines(path).findIndex((l) => /^\s*-?\s*alert:\s*\S/.test(l));
  return i >= 0 ? i + 1 : 1;
}
