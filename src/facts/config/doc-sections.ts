/**
 * Markdown split into sections: each heading with the blocks under it (until the next heading of
 * the same or a higher level), so a check can ask "is there a diagram under the Overview heading?"
 * or "does the Security section say where to report?". Blocks come from markdown.ts (marked's
 * lexer), so a `# Rollback` comment inside a fenced shell block is code, never a heading.
 */
import { markdownBlocks, type MdBlock } from './markdown.js';

export interface DocSection {
  /** null for the text before the first heading. */
  heading: MdBlock | null;
  /** Blocks under the heading, sub-sections included. */
  blocks: readonly MdBlock[];
  /** Source lines of the section (heading line through the line before the next sibling heading). */
  raw: string;
}

export interface ParsedDoc {
  blocks: readonly MdBlock[];
  sections: DocSection[];
  lines: string[];
}

/** YAML front matter (`---` … `---` at the top of .mdx / docs-site pages) blanked, lines kept: marked would read it as a heading. */
function withoutFrontMatter(text: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return m ? m[0].replace(/[^\n]/g, '') + text.slice(m[0].length) : text;
}

export function parseDoc(source: string): ParsedDoc {
  const text = withoutFrontMatter(source);
  const blocks = markdownBlocks(text);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const sections: DocSection[] = [];
  const firstHeading = blocks.findIndex((b) => b.type === 'heading');
  const lead = firstHeading < 0 ? blocks : blocks.slice(0, firstHeading);
  if (lead.length > 0) sections.push({ heading: null, blocks: lead, raw: lines.slice(0, (firstHeading < 0 ? lines.length : blocks[firstHeading].line - 1)).join('\n') });
  blocks.forEach((b, i) => {
    if (b.type !== 'heading') return;
    let end = blocks.length;
    for (let j = i + 1; j < blocks.length; j++) {
      if (blocks[j].type === 'heading' && blocks[j].depth <= b.depth) {
        end = j;
        break;
      }
    }
    const lastLine = end < blocks.length ? blocks[end].line - 1 : lines.length;
    sections.push({ heading: b, blocks: blocks.slice(i + 1, end), raw: lines.slice(b.line - 1, lastLine).join('\n') });
  });
  return { blocks, sections, lines };
}

/** First line in [from, to] whose raw text matches, else `from` (a paragraph's match, located). */
export function lineOf(lines: string[], from: number, to: number, re: RegExp): number {
  for (let l = from; l <= to && l <= lines.length; l++) if (re.test(lines[l - 1])) return l;
  return from;
}

/** Sentences of a paragraph, so two keywords must meet in one sentence, not anywhere in a long block. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0);
}
