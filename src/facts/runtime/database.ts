// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, DbEngine, SqliteUse } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectDbEngines(_repo: RepoContext, _facts: FactMap): DbEngine[] {
  return [];
}
export function collectSqliteUses(_repo: RepoContext, _facts: FactMap): SqliteUse[] {
  return [];
}
