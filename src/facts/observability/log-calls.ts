// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, LogCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectLogCalls(_repo: RepoContext, _facts: FactMap): LogCall[] {
  return [];
}
