/** StorageFacts for ephemeral-storage: what the app keeps on disk, where it runs, which volumes exist. */
import type { FactMap, StorageFacts } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { fileStores } from './file-stores.js';
import { declaredVolumes, deployTargets } from './volumes.js';

export function collectStorage(repo: RepoContext, facts: FactMap): StorageFacts {
  return { stores: fileStores(repo, facts), deploys: deployTargets(repo, facts), volumes: declaredVolumes(repo, facts) };
}
