/**
 * The short code example a check carries into the report: the rule's passing example, kept only
 * when its language fits the code the findings point at (a Python example is no help to an Express
 * app). Shell, Dockerfile and config examples fit any stack.
 */
import type { Rule } from '../core/rule.js';
import { RULES } from '../rules/index.generated.js';

const PYTHON = new Set(['python', 'py']);
const NODE = new Set(['ts', 'typescript', 'js', 'javascript', 'tsx', 'jsx']);

const byId = new Map<string, Rule>(RULES.map((r) => [r.meta.id, r]));

export function exampleFor(checkId: string, findingFiles: readonly string[], rules: ReadonlyMap<string, Rule> = byId): { code: string; lang?: string } | undefined {
  const ex = rules.get(checkId)?.meta.examples;
  const code = ex?.good?.trim();
  if (!code || findingFiles.length === 0) return undefined;
  // An example whose language is not stated could be for any stack: leave it to the explain page.
  const lang = ex?.lang?.toLowerCase();
  if (!lang) return undefined;
  if (PYTHON.has(lang) && !findingFiles.some((f) => f.endsWith('.py'))) return undefined;
  if (NODE.has(lang) && !findingFiles.some((f) => /\.(m|c)?[jt]sx?$/.test(f))) return undefined;
  return { code, lang: ex?.lang as string };
}
