import { createHash } from 'node:crypto';

/**
 * A finding's identity across runs: rule + file + normalized snippet, not the line number, so that
 * code moving down a file is not reported as "fixed" and "new".
 */
export function fingerprint(ruleId: string, file: string, snippet: string, note = ''): string {
  const normalized = snippet.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${ruleId}\0${file}\0${normalized}\0${note}`).digest('hex').slice(0, 16);
}
