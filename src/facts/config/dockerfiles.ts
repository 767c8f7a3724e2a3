// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, DockerfileFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function collectDockerfiles(_repo: RepoContext, _facts: FactMap): DockerfileFact[] {
  return [];
}
