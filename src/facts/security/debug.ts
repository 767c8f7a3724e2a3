// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, DebugSetting } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectDebugSettings(_repo: RepoContext, _facts: FactMap): DebugSetting[] {
  return [];
}
