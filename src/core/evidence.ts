/**
 * Evidence is the only way a finding or a strength points at code. It is built from a line that was
 * actually read (a parsed node's position, or a line of a config file), never typed by hand, so a
 * report can always be traced back to the file.
 */

export interface Evidence {
  /** Repository-relative path. */
  file: string;
  /** 1-based line; 0 means the file as a whole (an absence anchored to the file where the fix goes). */
  line: number;
  endLine?: number;
  /** The source line(s), trimmed and capped; secrets already redacted. */
  snippet: string;
  note?: string;
}

const SNIPPET_MAX = 200;

export function clipSnippet(text: string): string {
  const oneLine = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join(' ')
    .replace(/\s+/g, ' ');
  return oneLine.length > SNIPPET_MAX ? `${oneLine.slice(0, SNIPPET_MAX - 1)}…` : oneLine;
}

/** Evidence from a source text and a 1-based line range. */
export function evidenceAt(
  file: string,
  lines: readonly string[],
  line: number,
  opts: { endLine?: number; note?: string; redact?: (s: string) => string } = {},
): Evidence {
  const last = Math.min(opts.endLine ?? line, line + 2, lines.length);
  let snippet = clipSnippet(lines.slice(line - 1, last).join('\n'));
  if (opts.redact) snippet = opts.redact(snippet);
  const ev: Evidence = { file, line, snippet };
  if (opts.endLine && opts.endLine > line) ev.endLine = opts.endLine;
  if (opts.note) ev.note = opts.note;
  return ev;
}

/** Evidence for a whole file (no line), used for absences anchored where the fix belongs. */
export function evidenceForFile(file: string, note: string): Evidence {
  return { file, line: 0, snippet: '', note };
}

export function compareEvidence(a: Evidence, b: Evidence): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
