// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, CiConfig } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectCiConfigs(_repo: RepoContext, _facts: FactMap): CiConfig[] {
  return [];
}
