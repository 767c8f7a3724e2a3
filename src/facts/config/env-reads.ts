// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, EnvRead } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectEnvReads(_repo: RepoContext, _facts: FactMap): EnvRead[] {
  return [];
}
