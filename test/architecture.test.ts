/** The layering of design.md, enforced: render → report only; rules → core and fact types only; nothing imports cli. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => join(d.parentPath, d.name));
}

/** Import specifiers of a file (plain text scan of our own sources: import/export … from '…'). */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
}

function target(file: string, spec: string): string | null {
  return spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts') : null;
}

describe('architecture', () => {
  const files = sources(SRC);
  it('renderers import only the report model and core types', () => {
    for (const f of files.filter((x) => relative(SRC, x).startsWith('render'))) {
      for (const spec of imports(f)) {
        const t = target(f, spec);
        if (t === null) continue;
        expect(t.startsWith('report/') || t.startsWith('render/') || t === 'core/types.ts', `${relative(SRC, f)} imports ${spec}`).toBe(true);
      }
    }
  });
  it('rules import only core and the fact types, and never node built-ins', () => {
    for (const f of files.filter((x) => relative(SRC, x).startsWith('rules/') && !x.endsWith('index.generated.ts'))) {
      for (const spec of imports(f)) {
        expect(spec.startsWith('node:'), `${relative(SRC, f)} imports ${spec}`).toBe(false);
        const t = target(f, spec);
        if (t === null) continue;
        expect(t.startsWith('core/') || t === 'facts/fact-map.ts', `${relative(SRC, f)} imports ${spec}`).toBe(true);
      }
    }
  });
  it('nothing outside the CLI imports the CLI', () => {
    for (const f of files.filter((x) => !relative(SRC, x).startsWith('cli/'))) {
      for (const spec of imports(f)) expect(target(f, spec)?.startsWith('cli/') ?? false, `${relative(SRC, f)} imports ${spec}`).toBe(false);
    }
  });
});
