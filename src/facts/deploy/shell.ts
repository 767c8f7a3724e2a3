/**
 * Summarises a shell script into the ShellScript fact: its executable lines (comments, blanks and
 * heredoc bodies dropped, `\` continuations joined), which of them only run under a condition
 * (inside if/case/while/functions, or behind a `[ … ] &&` guard), `set -e`, `trap`, and lines that
 * background a process. Shell is plain text: a line scanner is the right tool.
 */
import type { Evidence } from '../../core/evidence.js';
import type { ShellScript } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { splitStatements } from './command.js';
import { table } from '../../core/table.js';

/** The line without its comment (`#` at a word start, outside quotes). */
export function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
  }
  return line.trimEnd();
}

/** A lone `&` (not `&&`, `>&`, `&>`, `|&`) outside quotes: the statement before it runs in the background. */
export function backgrounds(line: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      continue;
    }
    if (ch !== '&') continue;
    const prev = line[i - 1] ?? '';
    const next = line[i + 1] ?? '';
    if (next === '&') {
      i++;
      continue;
    }
    if (prev === '>' || prev === '<' || prev === '|' || next === '>') continue;
    return true;
  }
  return false;
}

type Block = 'if' | 'case' | 'loop' | 'for' | 'function' | 'group';

const OPENERS = table<Block>({ if: 'if', case: 'case', while: 'loop', until: 'loop', for: 'for', select: 'loop' });
const CLOSERS = table<Block[]>({ fi: ['if'], esac: ['case'], done: ['loop', 'for'] });
/** Blocks whose body may not run: a guard, a loop that may run zero times, a function not yet called. */
const GUARDING = new Set<Block>(['if', 'case', 'loop', 'function']);

/** `[ … ] && cmd`, `test … || cmd`: the command after the guard runs only if the test says so. */
function guardedByTest(stmtText: string): boolean {
  return /^\s*(\[\[?\s|test\s|!\s*\[)/.test(stmtText) && /(&&|\|\|)/.test(stmtText);
}

export function parseShellScript(repo: RepoContext, file: string): ShellScript {
  const raw = repo.lines(file);
  const lines: ShellScript['lines'] = [];
  let setE: Evidence | null = null;
  let trap: Evidence | null = null;
  const backgrounded: Evidence[] = [];
  const stack: Block[] = [];
  if (/^#!\S*\b(ba|z|da)?sh\s+-[a-z]*e/.test(raw[0] ?? '')) setE = repo.ev(file, 1);

  let heredoc: { delim: string; strip: boolean } | null = null;
  for (let i = 0; i < raw.length; i++) {
    if (heredoc) {
      const body = heredoc.strip ? raw[i].replace(/^\t+/, '') : raw[i];
      if (body === heredoc.delim) heredoc = null;
      continue;
    }
    const start = i;
    let text = stripComment(raw[i]);
    while (text.endsWith('\\') && i + 1 < raw.length) text = `${text.slice(0, -1).trimEnd()} ${stripComment(raw[++i]).trim()}`;
    text = text.trim();
    if (!text) continue;
    // `<<EOF` / `<<-'EOF'` open a heredoc; `<<<` is a here-string.
    const hd = /(?<!<)<<(?!<)(-?)\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(text);
    if (hd) heredoc = { delim: hd[2], strip: hd[1] === '-' };

    const lineNo = start + 1;
    const insideGuard = stack.some((b) => GUARDING.has(b));
    let opensGuard = false;
    for (const stmt of splitStatements(text)) {
      const word = stmt.split(/\s+/)[0];
      if (OPENERS[word]) {
        stack.push(OPENERS[word]);
        if (GUARDING.has(OPENERS[word])) opensGuard = true;
      } else if (word === 'elif' || word === 'else' || word === 'then' || word === 'do') {
        // continuation keywords of the open block
      } else if (CLOSERS[word]) {
        const closes = CLOSERS[word];
        const idx = stack.map((b, k) => (closes.includes(b) ? k : -1)).filter((k) => k >= 0).pop();
        if (idx !== undefined) stack.splice(idx);
      } else if (word === '}') {
        const idx = stack.map((b, k) => (b === 'function' || b === 'group' ? k : -1)).filter((k) => k >= 0).pop();
        if (idx !== undefined) stack.splice(idx);
      } else if (/^(function\s+[\w-]+|[\w-]+\s*\(\s*\))\s*(\{|$)/.test(stmt)) {
        // A function body runs only when called: treat it like a guard.
        stack.push('function');
        opensGuard = true;
      } else if (stmt === '{') stack.push('group');
    }
    const conditional = insideGuard || opensGuard || guardedByTest(text);
    lines.push({ line: lineNo, text, conditional, evidence: repo.ev(file, lineNo) });

    const topLevel = !insideGuard && !opensGuard;
    if (/^set\s+(-[a-zA-Z]*e[a-zA-Z]*\b|.*-o\s+errexit)/.test(text) && !setE) setE = repo.ev(file, lineNo);
    if (/^set\s+\+[a-zA-Z]*e/.test(text) && topLevel) setE = null;
    if (/^trap\s/.test(text) && !trap) trap = repo.ev(file, lineNo);
    if (backgrounds(text)) backgrounded.push(repo.ev(file, lineNo));
  }
  return { file, lines, setE, trap, backgrounded };
}
