import type { Run } from '../report/schema.js';

export function renderJson(run: Run): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
