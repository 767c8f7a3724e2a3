/**
 * The code models record functions, calls and assignments but not `if` blocks. Whether a statement
 * only runs in development (`if settings.DEBUG:`, `if (process.env.NODE_ENV !== 'production') {`)
 * is read here from layout: the headers of the blocks enclosing the line, found by indentation.
 * Used only to drop findings (an unrecognised layout means "report"), never to create them.
 */
import type { RepoContext } from '../repo.js';

const ENV_WORDS = /\b(debug|DEBUG|Debug|NODE_ENV|APP_ENV|ENV|ENVIRONMENT|environment|env|development|dev|local|testing|isDev\w*|isProd\w*|isLocal|production|prod|TESTING)\b/;
const IF_HEADER = /^(\}\s*)?(if|elif|else\s+if)\b/;
const ELSE_HEADER = /^(\}\s*)?else\b\s*[:{]?\s*$/;
const MAX_LOOKBACK = 300;

function indent(l: string): number {
  return l.length - l.trimStart().length;
}

function skip(l: string): boolean {
  const t = l.trim();
  return t === '' || t.startsWith('#') || t.startsWith('//') || t.startsWith('*') || t.startsWith('/*');
}

/** The text of an enclosing `if`/`else` header that tests debug mode or the environment, or null. */
export function envGuard(repo: RepoContext, file: string, line: number): string | null {
  const lines = repo.lines(file);
  let ind = indent(lines[line - 1] ?? '');
  for (let i = line - 2; i >= 0 && i >= line - 1 - MAX_LOOKBACK && ind > 0; i--) {
    const l = lines[i];
    if (skip(l)) continue;
    const li = indent(l);
    if (li >= ind) continue;
    const t = l.trim();
    if (IF_HEADER.test(t) && ENV_WORDS.test(t)) return t;
    if (ELSE_HEADER.test(t) || /^(\}\s*)?else\s+if\b/.test(t) || /^elif\b/.test(t)) {
      // The branch belongs to an `if` above at the same indentation: its condition decides.
      for (let j = i - 1; j >= 0 && j >= i - MAX_LOOKBACK; j--) {
        const lj = lines[j];
        if (skip(lj) || indent(lj) !== li) continue;
        const tj = lj.trim();
        if (/^(if|elif)\b|^(\}\s*)?(else\s+)?if\b/.test(tj) && ENV_WORDS.test(tj)) return tj;
        if (/^(if)\b|^if\s*\(/.test(tj)) break;
      }
    }
    ind = li;
  }
  return null;
}
