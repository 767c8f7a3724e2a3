/**
 * CorsPolicy facts: one per place an application configures CORS, whatever the framework.
 * `cors-wildcard` reads them; framework knowledge stays in cors-python.ts and cors-node.ts.
 */
import type { FactMap, CorsPolicy } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { appModels } from './code-util.js';
import { nodeCorsPolicies } from './cors-node.js';
import { pythonCorsPolicies } from './cors-python.js';
import { envGuard } from './layout.js';

export function collectCorsPolicies(repo: RepoContext, _facts: FactMap): CorsPolicy[] {
  // Only code that ships: a CORS wildcard in a script or a test server is not the service's policy.
  const models = appModels(repo, ['app']);
  // A policy set only under `if settings.DEBUG:` / `if (process.env.NODE_ENV === 'development')` is not production's.
  return [...pythonCorsPolicies(repo, models), ...nodeCorsPolicies(repo, models)].filter((p) => !envGuard(repo, p.evidence.file, p.evidence.line));
}
