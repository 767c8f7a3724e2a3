/**
 * Loads web-tree-sitter, the grammars shipped inside the grammar packages, and compiles each
 * language's one query file into a capture plan (plan.ts), lazily and once per process.
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

/** The query files live in src/facts/queries and are read from there by the src, dist and bundled builds. */
function queryPath(grammar: Grammar): string {
  const name = grammar === 'python' ? 'python.scm' : 'typescript.scm';
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
      const plan = compilePlan(language, readFileSync(queryPath(grammar), 'utf8'));
      return { parser, plan };
    })();
    loaded.set(grammar, p);
  }
  return p;
}
