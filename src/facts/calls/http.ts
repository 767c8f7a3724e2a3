// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, HttpCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectHttpCalls(_repo: RepoContext, _facts: FactMap): HttpCall[] {
  return [];
}
