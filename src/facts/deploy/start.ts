// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, ShellScript, StartCommand } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectStartCommands(_repo: RepoContext, _facts: FactMap): StartCommand[] {
  return [];
}
export function collectStartScripts(_repo: RepoContext, _facts: FactMap): ShellScript[] {
  return [];
}
