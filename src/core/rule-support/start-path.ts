/**
 * The production start path as a list of command lines: production start commands, and the lines
 * of the shell scripts production commands run. Shared by dev-server-in-prod and seed-data-in-prod.
 * Pure functions of facts. Shell lines are plain text, so matching words in them is fine here.
 */
import type { Evidence } from '../evidence.js';
import type { ShellScript, StartCommand } from '../../facts/fact-map.js';

export interface StartLine {
  text: string;
  evidence: Evidence;
  /** The command or line that runs this one, when it is not a declaration of its own. */
  via?: Evidence;
  /** Inside if/case or behind a `[ … ] &&` guard. */
  conditional: boolean;
}

export const evKey = (e: Evidence) => `${e.file}:${e.line}`;

export function productionStartLines(startCommands: readonly StartCommand[], startScripts: readonly ShellScript[]): StartLine[] {
  const out: StartLine[] = [];
  for (const c of startCommands) if (c.production) out.push({ text: c.command, evidence: c.evidence, ...(c.via ? { via: c.via } : {}), conditional: false });
  for (const s of startScripts) {
    if (!s.production) continue;
    for (const l of s.lines) if (l.evidence) out.push({ text: l.text, evidence: l.evidence, ...(s.via ? { via: s.via } : {}), conditional: l.conditional });
  }
  return out;
}

/** Statements of a command line (split on `&&`, `||`, `;`, `|`), without the ones that only print. */
export function statements(text: string): string[] {
  return text
    .split(/&&|\|\||;|\|/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !/^(echo|printf|:|log|logger)\b/.test(s));
}

/**
 * Walks start lines in order and reports each at most once: a line run by an already reported one
 * (`npm run dev` → the `dev` script) is the same problem seen one level down.
 */
export function matchStartLines<T>(lines: readonly StartLine[], match: (statement: string) => T | undefined): { line: StartLine; hit: T }[] {
  const reported = new Set<string>();
  const out: { line: StartLine; hit: T }[] = [];
  for (const l of lines) {
    if (l.conditional || (l.via && reported.has(evKey(l.via)))) continue;
    for (const s of statements(l.text)) {
      const hit = match(s);
      if (hit === undefined) continue;
      out.push({ line: l, hit });
      reported.add(evKey(l.evidence));
      break;
    }
  }
  return out;
}
