/** Output formats and their renderers. */
import type { Run } from '../report/schema.js';
import { renderHtml } from '../render/html.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderSarif } from '../render/sarif.js';
import { renderTerminal } from '../render/terminal.js';

export const FORMATS = ['terminal', 'md', 'json', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export function renderAs(format: Format, run: Run, opts: { color: boolean }): string {
  switch (format) {
    case 'terminal':
      return renderTerminal(run, { color: opts.color });
    case 'md':
      return renderMarkdown(run);
    case 'json':
      return renderJson(run);
    case 'sarif':
      return renderSarif(run);
    case 'html':
      return renderHtml(run);
  }
}

export function extensionFor(format: Format): string {
  return format === 'terminal' ? 'txt' : format;
}
