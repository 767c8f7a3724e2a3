/**
 * Markdown documentation (fact DocFile): every heading with its depth, plain text and line, as marked's
 * lexer sees them, so a `# Troubleshooting` comment inside a fenced bash block is not a heading.
 */
import type { DocFile, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { markdownBlocks } from './markdown.js';

export function collectDocs(repo: RepoContext, _facts: FactMap): DocFile[] {
  const out: DocFile[] = [];
  for (const f of repo.discovery.files) {
    if (f.language !== 'markdown' || f.role === 'fixture' || f.role === 'test' || f.role === 'generated') continue;
    const text = repo.read(f.path);
    if (text === undefined) continue;
    let blocks;
    try {
      blocks = markdownBlocks(text);
    } catch (e) {
      repo.errors.push({ path: f.path, message: `could not read Markdown: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const headings = blocks
      .filter((b) => b.type === 'heading')
      .map((b) => ({ depth: b.depth, text: b.text, evidence: repo.ev(f.path, b.line) }));
    out.push({ file: f.path, headings });
  }
  return out;
}
