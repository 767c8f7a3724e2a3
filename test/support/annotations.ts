/**
 * Reads fixture annotations. A comment on the line before the code it marks:
 *   `# expect: <id>`   a finding must point at the next line
 *   `# ok: <id>`       a near-miss: no finding may point at the next line
 *   `# strength: <id>` pass evidence must cite the next line
 *   `# expect-file: <id>` / `# strength-file: <id>`: the same for this file as a whole (line 0)
 * `//` in JS/TS, `<!-- … -->` in Markdown. Files that cannot hold comments use `expect.yaml`:
 *   - { file: package.json, line: 3, expect: rule-id }   (or ok: / strength:)
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';

export type Mark = 'expect' | 'ok' | 'strength';
export interface Annotation {
  mark: Mark;
  rule: string;
  file: string;
  line: number;
}

const ANNOTATION = /^\s*(?:#|\/\/|<!--|\/\*)\s*(expect|ok|strength|expect-file|strength-file):\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;

function walk(dir: string, root: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, root, out);
    else out.push(relative(root, abs));
  }
}

export function readAnnotations(fixtureDir: string): Annotation[] {
  const files: string[] = [];
  walk(fixtureDir, fixtureDir, files);
  const out: Annotation[] = [];
  for (const file of files) {
    if (file === 'expect.yaml') continue;
    const lines = readFileSync(join(fixtureDir, file), 'utf8').split(/\r?\n/);
    lines.forEach((text, i) => {
      const m = ANNOTATION.exec(text);
      if (!m) return;
      const kind = m[1];
      for (const rule of m[2].split(',').map((s) => s.trim())) {
        if (kind === 'expect-file' || kind === 'strength-file') {
          out.push({ mark: kind === 'expect-file' ? 'expect' : 'strength', rule, file, line: 0 });
          continue;
        }
        // The marked line is the next line that is not itself an annotation.
        let j = i + 1;
        while (j < lines.length && ANNOTATION.test(lines[j])) j++;
        out.push({ mark: kind as Mark, rule, file, line: j + 1 });
      }
    });
  }
  const yamlPath = join(fixtureDir, 'expect.yaml');
  if (existsSync(yamlPath)) {
    const entries = parseYaml(readFileSync(yamlPath, 'utf8')) as Array<Record<string, string | number>>;
    for (const e of entries ?? []) {
      for (const mark of ['expect', 'ok', 'strength'] as Mark[]) {
        if (typeof e[mark] === 'string') out.push({ mark, rule: e[mark] as string, file: String(e.file), line: Number(e.line ?? 0) });
      }
    }
  }
  return out;
}
