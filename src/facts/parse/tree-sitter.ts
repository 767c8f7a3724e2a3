/**
 * Loads web-tree-sitter, the grammars shipped inside the grammar packages, and compiles each
 * language's one query, lazily and once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser, Query } from 'web-tree-sitter';

export type Grammar = 'python' | 'typescript' | 'tsx';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

function grammarPath(grammar: Grammar): string {
  if (grammar === 'python') return require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  return join(dirname(require.resolve('tree-sitter-typescript/package.json')), `tree-sitter-${grammar}.wasm`);
}

/** The query files live in src/facts/queries and are read from there by both src and dist builds. */
function queryPath(grammar: Grammar): string {
  const name = grammar === 'python' ? 'python.scm' : 'typescript.scm';
  const candidates = [join(here, '..', 'queries', name), join(here, '..', '..', '..', 'src', 'facts', 'queries', name)];
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
  query: Query;
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
      const query = new Query(language, readFileSync(queryPath(grammar), 'utf8'));
      return { parser, query };
    })();
    loaded.set(grammar, p);
  }
  return p;
}
