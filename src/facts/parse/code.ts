/** Parses source files into code models: one parse per file, each tree deleted when its model is built. */
import type { RepoFile } from '../../discover/types.js';
import type { CodeModel } from '../code/model.js';
import { buildNodeModel } from '../node/model.js';
import { buildPythonModel } from '../python/model.js';
import { collectCaptures } from './plan.js';
import { loadGrammar, type Grammar } from './tree-sitter.js';

const CODE_LANGUAGES = new Set(['python', 'typescript', 'tsx', 'javascript', 'jsx']);
/** Tests, fixtures and generated code are classified by path only: no check reads their syntax. */
const PARSED_ROLES = new Set(['app', 'script', 'migration', 'config']);

export function isParsed(f: RepoFile): boolean {
  return CODE_LANGUAGES.has(f.language) && PARSED_ROLES.has(f.role);
}

function grammarFor(language: string): Grammar {
  if (language === 'python') return 'python';
  // .ts cannot use the tsx grammar (`<T>x` casts); JS may hold JSX, which the tsx grammar reads.
  return language === 'typescript' ? 'typescript' : 'tsx';
}

export async function parseCode(file: RepoFile, source: string): Promise<CodeModel> {
  const grammar = grammarFor(file.language);
  const { parser, plan } = await loadGrammar(grammar);
  const tree = parser.parse(source);
  if (!tree) throw new Error(`could not parse ${file.path}`);
  try {
    const caps = collectCaptures(plan, tree, source);
    if (grammar === 'python') return buildPythonModel(file.path, source, tree, caps);
    const lang = file.language === 'typescript' ? 'typescript' : file.language === 'tsx' ? 'tsx' : 'javascript';
    return buildNodeModel(file.path, source, lang, tree, caps);
  } finally {
    tree.delete();
  }
}
