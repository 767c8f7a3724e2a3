// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, EnvFileFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectEnvFiles(_repo: RepoContext, _facts: FactMap): EnvFileFact[] {
  return [];
}
