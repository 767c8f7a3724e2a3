import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { isHealthRoute } from '../../core/rule-support/health-routes.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { Route } from '../../facts/fact-map.js';

/** Operational and documentation routes are not part of the versioned API contract. */
const NOT_API = /^\/?(metrics|docs|redoc|swagger|openapi|api-docs|favicon|robots|static|assets|public|\.well-known|graphql|sitemap)\b|\/(openapi\.json|swagger\.json|docs|metrics)$/i;
const VERSIONED = /(^|\/)v\d+(\.\d+)?(\/|$)/i;

/** Routes clients outside this deployment call: Next.js route handlers serve their own front end, so they are left out. */
function isPublicApi(r: Route): boolean {
  if (r.framework === 'nextjs' || r.method === 'OPTIONS' || r.method === 'HEAD') return false;
  if (r.path === '' || r.path === '/' || r.path === '/*' || r.path === '*') return false;
  return !isHealthRoute(r) && !NOT_API.test(r.path);
}

export default defineRule({
  meta: {
    id: 'api-versioning-missing',
    area: 'docs',
    severity: 'low',
    title: 'The public API is versioned',
    failureTitle: 'Public routes have no version prefix',
    why: 'Without a version in the path (or a versioning scheme), any breaking change to a response shape breaks every deployed client at once, including mobile apps that cannot be updated on your schedule. A /v1 prefix lets a /v2 ship next to it while old clients migrate.',
    fix: {
      default: 'Mount the API under a version prefix (`/api/v1`) and keep health, metrics and docs routes outside it.',
      fastapi: '```python\napi_v1 = APIRouter(prefix="/api/v1")\napi_v1.include_router(users.router)\napp.include_router(api_v1)\n```',
      flask: "```python\nbp = Blueprint('api_v1', __name__, url_prefix='/api/v1')\napp.register_blueprint(bp)\n```",
      django: '```python\nurlpatterns = [path("api/v1/", include("api.urls"))]\n```',
      express: "```ts\nconst v1 = express.Router();\nv1.use('/users', usersRouter);\napp.use('/api/v1', v1);\n```",
      fastify: "```ts\nawait app.register(routes, { prefix: '/api/v1' });\n```",
      nestjs: "```ts\napp.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });\n```",
    },
    examples: { bad: "app.use('/users', usersRouter);", good: "app.use('/api/v1/users', usersRouter);", lang: 'ts' },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes', 'apiVersionSignals', 'files'],
    confidence: 'medium',
  },
  check({ routes, apiVersionSignals, files }) {
    const serviceOf = new Map(files.map((f) => [f.path, f.service]));
    const byService = new Map<string, Route[]>();
    for (const r of routes) {
      if (!isPublicApi(r)) continue;
      const s = serviceOf.get(r.evidence.file) ?? '';
      byService.set(s, [...(byService.get(s) ?? []), r]);
    }
    if (byService.size === 0) return notApplicable('no public API routes');
    const findings: Finding[] = [];
    const strengths: Evidence[] = [];
    for (const [service, list] of [...byService].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const signals = apiVersionSignals.filter((s) => s.service === service);
      if (signals.length > 0) {
        strengths.push(signals[0].evidence);
        continue;
      }
      const unversioned = list.filter((r) => !VERSIONED.test(r.path)).sort((a, b) => (a.evidence.file < b.evidence.file ? -1 : a.evidence.file > b.evidence.file ? 1 : a.evidence.line - b.evidence.line));
      if (unversioned.length === 0) continue;
      const where = service === '' ? '' : ` in ${service}/`;
      findings.push({
        message: `${plural(unversioned.length, 'public route')}${where} ${unversioned.length === 1 ? 'has' : 'have'} no version prefix (first: ${unversioned[0].method} ${unversioned[0].path})`,
        evidence: unversioned.slice(0, 10).map((r) => r.evidence),
        stack: fixKeyForFramework(unversioned[0].framework),
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass('the API is versioned', strengths);
  },
});
