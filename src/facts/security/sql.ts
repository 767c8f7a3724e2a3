// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, SqlCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectSqlCalls(_repo: RepoContext, _facts: FactMap): SqlCall[] {
  return [];
}
