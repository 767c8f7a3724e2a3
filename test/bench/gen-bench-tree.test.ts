import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLines } from '../../scripts/bench-templates/common.js';
import { generateTree, type BenchLang, type GenerateResult } from '../../scripts/gen-bench-tree.js';

const TARGET = 3_000;
const SEED = 7;

let scratch: string;

/** Every file of a tree, repository-relative path to content, in a stable order. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.set(p, readFileSync(join(dir, p), 'utf8'));
    }
  };
  walk('');
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function generate(lang: BenchLang, seed: number, name: string): { dir: string; result: GenerateResult; files: Map<string, string> } {
  const dir = join(scratch, name);
  const result = generateTree(dir, lang, TARGET, seed);
  return { dir, result, files: snapshot(dir) };
}

function matching(files: Map<string, string>, pattern: RegExp): string[] {
  return [...files.keys()].filter((p) => pattern.test(p));
}

beforeAll(() => {
  scratch = mkdtempSync(join(os.tmpdir(), 'gen-bench-tree-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.each<BenchLang>(['python', 'typescript'])('generateTree(%s)', (lang) => {
  let first: ReturnType<typeof generate>;

  beforeAll(() => {
    first = generate(lang, SEED, `${lang}-a`);
  });

  it('writes byte-identical trees for the same seed', () => {
    const second = generate(lang, SEED, `${lang}-b`);
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [path, text] of first.files) expect(second.files.get(path), path).toBe(text);
    expect(second.result).toEqual(first.result);
  });

  it('writes a different tree for another seed', () => {
    const other = generate(lang, SEED + 1, `${lang}-other`);
    const sameKeys = JSON.stringify([...other.files.keys()]) === JSON.stringify([...first.files.keys()]);
    const sameContent = sameKeys && [...first.files].every(([p, t]) => other.files.get(p) === t);
    expect(sameContent).toBe(false);
  });

  it('lands within 10% of the line target and reports what it wrote', () => {
    const onDisk = [...first.files.values()].reduce((sum, t) => sum + countLines(t), 0);
    expect(first.result.files).toBe(first.files.size);
    expect(first.result.lines).toBe(onDisk);
    expect(Math.abs(onDisk - TARGET) / TARGET).toBeLessThanOrEqual(0.1);
  });

  it('refuses to write into a folder that already has files', () => {
    const dir = join(scratch, `${lang}-busy`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'x\n');
    expect(() => generateTree(dir, lang, TARGET, SEED)).toThrow(/not empty/);
  });
});

describe('generated Python tree', () => {
  let tree: ReturnType<typeof generate>;

  beforeAll(() => {
    tree = generate('python', 11, 'python-layout');
  });

  it('has the FastAPI + SQLAlchemy + Celery layout', () => {
    for (const p of ['requirements.txt', 'Dockerfile', '.env.example', 'app/core/config.py', 'app/worker/tasks.py', 'app/api/router.py']) {
      expect(tree.files.has(p), p).toBe(true);
    }
    for (const re of [/^app\/api\/routes\/\w+\.py$/, /^app\/models\/\w+\.py$/, /^app\/schemas\/\w+\.py$/, /^app\/services\/\w+\.py$/, /^tests\/test_\w+\.py$/, /^alembic\/versions\/\w+\.py$/]) {
      expect(matching(tree.files, re).length, String(re)).toBeGreaterThan(0);
    }
    const routes = matching(tree.files, /^app\/api\/routes\/(?!__init__)\w+\.py$/).map((p) => tree.files.get(p) ?? '');
    expect(routes.some((t) => /async def \w+\(/.test(t) && t.includes('Depends('))).toBe(true);
  });

  it('writes only Python that parses', () => {
    const files = matching(tree.files, /\.py$/).map((p) => join(tree.dir, p));
    const script = 'import ast,sys; [ast.parse(open(f).read(), f) for f in sys.argv[1:]]';
    // Throws with Python's SyntaxError (file and line) on stderr when a template is broken.
    expect(() => execFileSync('python3', ['-c', script, ...files], { stdio: ['ignore', 'ignore', 'pipe'] })).not.toThrow();
  });
});

describe('generated TypeScript tree', () => {
  let tree: ReturnType<typeof generate>;

  beforeAll(() => {
    tree = generate('typescript', 11, 'typescript-layout');
  });

  it('has the Express/NestJS layout', () => {
    for (const p of ['package.json', 'tsconfig.json', 'Dockerfile', 'src/main.ts', 'src/app.module.ts', 'src/routes/index.ts']) {
      expect(tree.files.has(p), p).toBe(true);
    }
    for (const re of [/^src\/routes\/[\w-]+\.routes\.ts$/, /^src\/controllers\/[\w-]+\.controller\.ts$/, /^src\/services\/[\w-]+\.service\.ts$/, /^src\/entities\/[\w-]+\.entity\.ts$/, /^src\/middleware\/[\w-]+\.ts$/, /^test\/[\w-]+\.test\.ts$/]) {
      expect(matching(tree.files, re).length, String(re)).toBeGreaterThan(0);
    }
    expect(() => JSON.parse(tree.files.get('package.json') ?? '')).not.toThrow();
    expect(() => JSON.parse(tree.files.get('tsconfig.json') ?? '')).not.toThrow();
  });

  it('balances braces in every TypeScript file', () => {
    for (const p of matching(tree.files, /\.ts$/)) {
      const text = tree.files.get(p) ?? '';
      expect((text.match(/\{/g) ?? []).length, p).toBe((text.match(/\}/g) ?? []).length);
    }
  });

  it('writes only TypeScript without syntax errors', () => {
    for (const p of matching(tree.files, /\.ts$/)) {
      // transpileModule reports syntactic diagnostics only, which is what a template bug produces.
      const out = ts.transpileModule(tree.files.get(p) ?? '', {
        fileName: p,
        reportDiagnostics: true,
        compilerOptions: { experimentalDecorators: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      });
      const messages = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(messages, p).toEqual([]);
    }
  });
});
