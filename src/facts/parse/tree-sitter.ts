/**
 * Loads web-tree-sitter, the grammars shipped inside the grammar packages, and compiles each
 * grammar's one query into a capture plan (plan.ts), lazily and once per process. The query of the
 * python grammar is python.scm, of the typescript grammar typescript.scm, and of the tsx grammar
 * typescript.scm followed by tsx.scm (the JSX patterns, whose node types the typescript grammar lacks).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';
import { compilePlan, type CapturePlan } from './plan.js';

export type Grammar = 'python' | 'typescript' | 'tsx';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

function grammarPath(grammar: Grammar): string {
  if (grammar === 'python') return require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  return join(dirname(require.resolve('tree-sitter-typescript/package.json')), `tree-sitter-${grammar}.wasm`);
}

/** The query files each grammar's query is made of, joined in this order. */
const QUERY_FILES: Record<Grammar, string[]> = {
  python: ['python.scm'],
  typescript: ['typescript.scm'],
  tsx: ['typescript.scm', 'tsx.scm'],
};

/** The source of a grammar's one query (exported for the capture-plan test). */
export function querySource(grammar: Grammar): string {
  return QUERY_FILES[grammar].map((name) => readFileSync(queryPath(name), 'utf8')).join('\n');
}

/** The query files live in src/facts/queries and are read from there by the src, dist and bundled builds. */
function queryPath(name: string): string {
  const candidates = [
    join(here, '..', 'queries', name),
    join(here, '..', '..', '..', 'src', 'facts', 'queries', name),
    join(here, '..', '..', 'src', 'facts', 'queries', name),
  ];
  for (const c of candidates) {
    try {
      readFileSync(c);
      return c;
    } catch {
      /* try the next location */
    }
  }
  throw new Error(`query file ${name} not found`);
}

export interface LoadedGrammar {
  parser: Parser;
  plan: CapturePlan;
}

let init: Promise<void> | undefined;
const loaded = new Map<Grammar, Promise<LoadedGrammar>>();

export function loadGrammar(grammar: Grammar): Promise<LoadedGrammar> {
  let p = loaded.get(grammar);
  if (!p) {
    p = (async () => {
      init ??= Parser.init();
      await init;
      const language = await Language.load(readFileSync(grammarPath(grammar)));
      const parser = new Parser();
      parser.setLanguage(language);
      const plan = compilePlan(language, querySource(grammar));
      return { parser, plan };
    })();
    loaded.set(grammar, p);
  }
  return p;
}
