// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, LlmCall, LlmClient } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectLlmClients(_repo: RepoContext, _facts: FactMap): LlmClient[] {
  return [];
}
export function collectLlmCalls(_repo: RepoContext, _facts: FactMap): LlmCall[] {
  return [];
}
