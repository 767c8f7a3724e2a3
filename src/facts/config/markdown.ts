/**
 * Markdown blocks with their line numbers, from marked's lexer. The lexer knows what is a heading
 * and what is a `# comment` inside a fenced code block; the concatenated `raw` of the top-level tokens
 * is the source, so each block's line is the newlines before it. Lists and blockquotes are walked
 * too (a heading or paragraph inside a list item keeps an approximate line: its own raw is searched
 * for inside the parent's).
 */
import { marked, type Token, type Tokens } from 'marked';

export interface MdBlock {
  type: 'heading' | 'paragraph' | 'code' | 'other';
  /** Heading depth (1–6), 0 otherwise. */
  depth: number;
  /** Plain text: inline markup dropped for headings and paragraphs, the code itself for code blocks. */
  text: string;
  line: number;
  /** Lines the block spans, for finding a word inside a paragraph or code block. */
  endLine: number;
}

/** Newlines in s[from, to). */
function countLines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Inline markdown to plain text: `**Runbook**` → `Runbook`, `[Ops](ops.md)` → `Ops`. */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .replace(/<[^>]+>/g, '')
    .trim();
}

function walk(tokens: readonly Token[], raw: string, baseLine: number, out: MdBlock[], depth: number): void {
  let offset = 0;
  // Lines are counted forward from the previous token, not from the top each time: a 10,000-line
  // changelog has thousands of tokens.
  let counted = 0;
  let linesBefore = 0;
  for (const t of tokens) {
    const at = raw.indexOf(t.raw, offset);
    const start = at >= 0 ? at : offset;
    linesBefore += countLines(raw, counted, start);
    counted = start;
    const line = baseLine + linesBefore;
    const endLine = line + Math.max(0, countLines(t.raw.replace(/\n+$/, '')));
    if (at >= 0) offset = at + t.raw.length;
    if (t.type === 'heading') out.push({ type: 'heading', depth: (t as Tokens.Heading).depth, text: plain((t as Tokens.Heading).text), line, endLine: line });
    else if (t.type === 'paragraph' || t.type === 'text') out.push({ type: 'paragraph', depth: 0, text: plain((t as Tokens.Paragraph).text), line, endLine });
    else if (t.type === 'code') out.push({ type: 'code', depth: 0, text: (t as Tokens.Code).text, line, endLine });
    else if (depth < 6 && t.type === 'list') {
      // Each item is looked for after the previous one (identical items keep their own lines).
      let from = 0;
      let itemLines = 0;
      let itemCounted = 0;
      for (const item of (t as Tokens.List).items) {
        const itemAt = t.raw.indexOf(item.raw, from);
        const itemStart = itemAt >= 0 ? itemAt : from;
        itemLines += countLines(t.raw, itemCounted, itemStart);
        itemCounted = itemStart;
        if (itemAt >= 0) from = itemAt + item.raw.length;
        walk(item.tokens, item.raw, line + itemLines, out, depth + 1);
      }
    } else if (depth < 6 && t.type === 'blockquote') walk((t as Tokens.Blockquote).tokens, t.raw, line, out, depth + 1);
  }
}

/**
 * Three fact families read the same documents (headings, operational topics, backup notes), so each
 * text is lexed once. Bounded, so a long-lived process (the test suite) does not keep every document.
 */
const lexed = new Map<string, readonly MdBlock[]>();
let lexedChars = 0;
const LEXED_MAX_CHARS = 16 * 1024 * 1024;

export function markdownBlocks(source: string): readonly MdBlock[] {
  const hit = lexed.get(source);
  if (hit) return hit;
  const text = source.replace(/\r\n?/g, '\n');
  const out: MdBlock[] = [];
  walk(marked.lexer(text), text, 1, out, 0);
  if (lexedChars + source.length > LEXED_MAX_CHARS) {
    lexed.clear();
    lexedChars = 0;
  }
  lexed.set(source, out);
  lexedChars += source.length;
  return out;
}
