// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, CorsPolicy } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectCorsPolicies(_repo: RepoContext, _facts: FactMap): CorsPolicy[] {
  return [];
}
