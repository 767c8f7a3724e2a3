/** The route inventory: every route with its auth, rate-limit and LLM status. */
import type { Route } from '../facts/fact-map.js';
import type { Run } from './schema.js';

export function buildRouteInventory(routes: readonly Route[]): Run['inventory']['routes'] {
  return routes.map((r) => ({
    method: r.method,
    path: r.path,
    framework: r.framework,
    location: r.evidence,
    auth: r.auth !== null,
    rateLimited: r.rateLimit !== null,
    callsLlm: r.llmCalls.length > 0,
  }));
}
