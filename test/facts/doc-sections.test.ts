import { describe, expect, it } from 'vitest';
import { parseDoc, sentences } from '../../src/facts/config/doc-sections.js';

describe('parseDoc', () => {
  it('blanks YAML front matter but keeps line numbers', () => {
    const doc = parseDoc('---\ntitle: Reporting a vulnerability\n---\n\n## Setup\n\ntext\n');
    const headings = doc.blocks.filter((b) => b.type === 'heading');
    expect(headings.map((h) => [h.text, h.line])).toEqual([['Setup', 5]]);
  });
  it('splits sections at the next heading of the same or higher level, sub-sections included', () => {
    const doc = parseDoc('# A\n\n## Overview\n\n### Detail\n\n![diagram](d.png)\n\n## Next\n');
    const overview = doc.sections.find((s) => s.heading?.text === 'Overview');
    expect(overview?.raw).toContain('![diagram](d.png)');
    expect(overview?.raw).not.toContain('## Next');
  });
  it('does not read a comment in a fenced block as a heading', () => {
    const doc = parseDoc('```bash\n# Rollback\nhelm rollback api\n```\n');
    expect(doc.blocks.some((b) => b.type === 'heading')).toBe(false);
  });
});

describe('sentences', () => {
  it('splits on sentence ends so keywords must meet in one sentence', () => {
    expect(sentences('Deploys run on main. To roll back, redeploy.')).toEqual(['Deploys run on main.', 'To roll back, redeploy.']);
  });
});
