/** The environment variables the code reads: where, whether required, documented, secret. */
import type { Evidence } from '../core/evidence.js';
import type { EnvRead, EnvTemplate } from '../facts/fact-map.js';
import type { RunEnvVar } from './schema.js';

/** Reads that return None instead of failing when the variable is unset. */
const TOLERANT = new Set(['os.getenv', 'os.environ.get']);

/**
 * `composeEnv`: variables compose files set for services (`environment:`), so the table shows where
 * a deployment already provides a variable the code reads.
 */
export function buildEnvTable(
  reads: readonly EnvRead[],
  templates: readonly EnvTemplate[],
  composeEnv: readonly { name: string; evidence: Evidence }[] = [],
): RunEnvVar[] {
  const documented = new Set(templates.flatMap((t) => t.vars.map((v) => v.name.toUpperCase())));
  const byName = new Map<string, RunEnvVar>();
  const tolerant = new Map<string, boolean>();
  for (const r of reads) {
    const key = r.name;
    let row = byName.get(key);
    if (!row) {
      row = { name: r.name, readAt: [], required: true, documented: documented.has(r.name.toUpperCase()), secret: r.secret };
      byName.set(key, row);
    }
    row.readAt.push(r.evidence);
    // A variable is required only when no read of it has a fallback.
    if (r.hasDefault) row.required = false;
    tolerant.set(key, (tolerant.get(key) ?? true) && TOLERANT.has(r.via) && !r.hasDefault);
  }
  for (const row of byName.values()) {
    // Every read tolerates absence: the code chose to run without it, so it is optional, not required.
    if (row.required && tolerant.get(row.name)) {
      row.required = false;
      row.optional = true;
    }
  }
  for (const c of composeEnv) {
    const row = byName.get(c.name);
    if (row) (row.setIn ??= []).push(c.evidence);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
