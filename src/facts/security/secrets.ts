// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, SecretFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectSecrets(_repo: RepoContext, _facts: FactMap): SecretFact[] {
  return [];
}
