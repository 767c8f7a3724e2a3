/** Markdown helpers shared by the report's sections. */

export function where(e: { file: string; line: number } | undefined): string {
  if (!e) return '';
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}

/** An inline code span; snippets may hold backticks, which a double-backtick span shows literally. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** A table cell: pipes escaped, line breaks flattened. */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Evidence as "file:line `snippet` — note". */
export function evidenceText(e: { file: string; line: number; snippet: string; note?: string }): string {
  return `${where(e)}${e.snippet ? ` ${code(e.snippet)}` : ''}${e.note ? ` — ${e.note}` : ''}`;
}

/** A command to show: inline when short and on one line, else a fenced block indented under a list item. */
export function command(cmd: string, indent: string, lang = 'sh'): string[] {
  if (!cmd.includes('\n') && cmd.length <= 90 && !cmd.includes('`')) return [` ${code(cmd)}`];
  return ['', `${indent}\`\`\`${lang}`, ...cmd.split('\n').map((l) => `${indent}${l}`), `${indent}\`\`\``];
}

/** The language of a command, for its code fence: SQL, a Redis command, or a shell line. */
export function commandLang(cmd: string): string {
  if (/^\s*(SELECT|SHOW|WITH)\b/i.test(cmd)) return 'sql';
  if (/^\s*[A-Z]{3,}\b/.test(cmd)) return 'text';
  return 'sh';
}

/** A runbook or checklist step: "text (in `shell`): `command`", with long commands fenced. */
export function stepText(step: { text: string; command?: string; shell?: string }, indent: string): string[] {
  const head = `${step.text}${step.shell ? ` (in ${code(step.shell)})` : ''}`;
  if (!step.command) return [head];
  const [first, ...rest] = command(step.command, indent, commandLang(step.command));
  return [`${head}:${first}`, ...rest];
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
