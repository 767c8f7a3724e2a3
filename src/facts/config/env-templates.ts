// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, EnvTemplate } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectEnvTemplates(_repo: RepoContext, _facts: FactMap): EnvTemplate[] {
  return [];
}
