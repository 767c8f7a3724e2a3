// UNFINISHED: placeholder so the tree compiles while this family is written; must be replaced.
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

export function dataMarkers(_repo: RepoContext, _facts: FactMap): Marker[] {
  return [];
}
