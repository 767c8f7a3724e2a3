// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, ErrorLeak } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectErrorLeaks(_repo: RepoContext, _facts: FactMap): ErrorLeak[] {
  return [];
}
