// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, BlockingCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectBlockingCalls(_repo: RepoContext, _facts: FactMap): BlockingCall[] {
  return [];
}
