// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, Route } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectRoutes(_repo: RepoContext, _facts: FactMap): Route[] {
  return [];
}
