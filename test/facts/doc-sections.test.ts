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
  it('gives identical list items their own lines, and keeps lines right deep into a long document', () => {
    const doc = parseDoc('# Notes\n\n- Back up the database\n- Back up the database\n\n## Later\n\ntext\n');
    expect(doc.blocks.map((b) => `${b.type}:${b.line}`)).toEqual(['heading:1', 'paragraph:3', 'paragraph:4', 'heading:6', 'paragraph:8']);
    const long = Array.from({ length: 3000 }, (_, i) => `## v${i}\n\n- fix ${i}\n`).join('\n');
    const last = parseDoc(long).blocks.filter((b) => b.type === 'heading').pop();
    expect([last?.text, last?.line]).toEqual(['v2999', 2999 * 4 + 1]);
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
