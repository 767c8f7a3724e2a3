// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, DocFile } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectDocs(_repo: RepoContext, _facts: FactMap): DocFile[] {
  return [];
}
