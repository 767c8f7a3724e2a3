/** What counts as a health route, shared by health-endpoint-missing and health-endpoint-shallow. */
import type { Route } from '../../facts/fact-map.js';

/** The last segment a health route ends with, and the segments allowed before it (`/api/v1/health`). */
const HEALTH_SEGMENT = /^_?(health|healthz|healthcheck|health-check|health_check|livez|readyz|ready|readiness|liveness|live|alive|ping|status|heartbeat)$/i;
const HEALTH_PREFIX = /^(api|v\d+|internal|_|system|sys|monitoring|ops|health|app|service|public|utils?|meta|infra)$/i;
const HEALTH_HANDLER = /^(\w+\.)?(health|healthz|health_?check|get_?health|check_?health|liveness|readiness|livez|readyz|ping)$/i;

/** `/health`, `/healthz/`, `/api/v1/health`, `/ready`; not `/jobs/{id}/status`. A router-root route named `health` too. */
export function isHealthRoute(r: Route): boolean {
  const segs = r.path.split('/').filter((s) => s.length > 0);
  const last = segs.pop();
  if (last && HEALTH_SEGMENT.test(last)) {
    if (segs.length <= 3 && segs.every((s) => HEALTH_PREFIX.test(s))) return true;
    // Under another prefix (`/api/v1/tools/health-check`), the handler's name has to say it too:
    // `/jobs/{id}/status` served by `get_job_status` is not a health route.
    return segs.length <= 4 && !segs.some((s) => s.includes('{') || s.startsWith(':')) && !!r.handler && HEALTH_HANDLER.test(r.handler.name.split('.').pop() ?? '');
  }
  // `@router.get("/")` in a health router mounted where the extractor could not follow.
  return (r.path === '/' || r.path === '') && !!r.handler && HEALTH_HANDLER.test(r.handler.name);
}
