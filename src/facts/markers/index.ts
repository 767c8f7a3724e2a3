/** Markers come from several families; each module contributes the kinds it knows. */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { securityMarkers } from './security.js';
import { reliabilityMarkers } from './reliability.js';
import { observabilityMarkers } from './observability.js';
import { dataMarkers } from './data.js';
import { headerMarkers } from './headers.js';
import { backupMarkers } from './backup.js';

export function collectMarkers(repo: RepoContext, facts: FactMap): Marker[] {
  return [
    ...securityMarkers(repo, facts),
    ...reliabilityMarkers(repo, facts),
    ...observabilityMarkers(repo, facts),
    ...dataMarkers(repo, facts),
    ...headerMarkers(repo, facts),
    ...backupMarkers(repo, facts),
  ];
}
