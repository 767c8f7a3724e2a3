/**
 * HTML helpers for the report. Every string that comes from a scanned repository (paths, snippets,
 * messages, notes, names) goes through `esc` before it reaches the page; nothing is ever inserted
 * as raw markup, and no repository data is placed inside the inline script.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and for quoted attribute values alike. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Text written in the project's light Markdown (fixes, impacts, runbook steps): escaped first, then
 * `code spans` become <code>. Escaping leaves backticks alone, so the replacement cannot let markup in.
 */
export function prose(s: string): string {
  return esc(s).replace(/`([^`\n]+)`/g, '<code>$1</code>');
}

export function where(e: { file: string; line: number } | undefined): string {
  if (!e) return '';
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}

export interface EvidenceLike {
  file: string;
  line: number;
  endLine?: number;
  snippet: string;
  note?: string;
}

/** One piece of evidence: file:line, the snippet as a code block, and its note. */
export function evidenceItem(e: EvidenceLike): string {
  const span = e.endLine && e.endLine > e.line ? `${where(e)}–${e.endLine}` : where(e);
  const loc = e.file ? `<span class="loc">${esc(span)}</span>` : '';
  const note = e.note ? ` <span class="note">${esc(e.note)}</span>` : '';
  const snippet = e.snippet ? `<pre class="snippet"><code>${esc(e.snippet)}</code></pre>` : '';
  return `<li>${loc}${note}${snippet}</li>`;
}

/** A list of evidence, the first `max` shown and the rest counted. */
export function evidenceList(list: readonly EvidenceLike[], max = 8): string {
  if (list.length === 0) return '';
  const more = list.length > max ? `<li class="more">and ${list.length - max} more</li>` : '';
  return `<ul class="evidence">${list.slice(0, max).map(evidenceItem).join('')}${more}</ul>`;
}

/** Compact locations (file:line, …) for tables. */
export function locations(list: readonly { file: string; line: number }[], max = 3): string {
  const shown = list.slice(0, max).map((e) => `<span class="loc">${esc(where(e))}</span>`);
  return shown.join(', ') + (list.length > max ? ` <span class="muted">+${list.length - max}</span>` : '');
}

/** A section with an anchor and a heading; omitted entirely when the body is empty. */
export function section(id: string, title: string, body: string): string {
  if (!body) return '';
  return `<section id="${esc(id)}" aria-labelledby="${esc(id)}-h"><h2 id="${esc(id)}-h">${esc(title)}</h2>${body}</section>`;
}

/** Tables of more than three columns become one card per row on a phone. */
export function table(head: readonly string[], rows: readonly string[][], cls = ''): string {
  if (rows.length === 0) return '';
  const classes = [...(head.length > 3 ? ['cards'] : []), ...(cls ? [cls] : [])].join(' ');
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  // data-label lets a phone show each row as a card, every cell prefixed with its column name.
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td data-label="${esc(head[i] ?? '')}">${c}</td>`).join('')}</tr>`).join('');
  return `<div class="table-wrap"><table${classes ? ` class="${classes}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

export function yesNo(v: boolean, good: boolean): string {
  const ok = v === good;
  return `<span class="${ok ? 'yes' : 'no'}">${v ? 'yes' : 'no'}</span>`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function hours(h: number): string {
  return `${Number.isInteger(h) ? h : h.toFixed(2).replace(/0+$/, '').replace(/\.$/, '')}\u00a0h`;
}

/** A command to type, with the shell it is typed in when that is not a plain shell. */
export function commandBlock(cmd: string | undefined, shell: string | undefined): string {
  if (!cmd) return '';
  const label = shell ? `<span class="shell">in <code>${esc(shell)}</code>:</span>` : '';
  return `${label}<pre class="cmd"><code>${esc(cmd)}</code></pre>`;
}
