// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, TaskDef } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectTasks(_repo: RepoContext, _facts: FactMap): TaskDef[] {
  return [];
}
