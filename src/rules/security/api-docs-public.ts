import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'api-docs-public',
    area: 'security',
    severity: 'low',
    title: 'Interactive API docs are not public in production',
    failureTitle: 'Interactive API docs are served to anyone in production',
    why:
      'Swagger UI, ReDoc and the OpenAPI schema list every route, parameter and model of the API, including admin and internal endpoints, and let anyone try them from the browser. ' +
      'Public docs are fine for a public API by choice; for an application back-end they hand attackers a map, so they should be switched off in production or put behind authentication.',
    fix: {
      default: 'Serve the docs only outside production (a setting that is off in production), or put them behind authentication.',
      fastapi: 'Switch them by configuration: `FastAPI(docs_url="/docs" if settings.show_docs else None, redoc_url=None, openapi_url="/openapi.json" if settings.show_docs else None)`.',
      django: 'Serve the schema views only with `DEBUG`, or restrict them: `SPECTACULAR_SETTINGS = {"SERVE_PERMISSIONS": ["rest_framework.permissions.IsAdminUser"]}` / `get_schema_view(..., permission_classes=[IsAdminUser])`.',
      express: 'Mount Swagger UI only outside production (`if (process.env.NODE_ENV !== "production") app.use("/docs", swaggerUi.serve, swaggerUi.setup(spec))`) or behind auth: `app.use("/docs", requireAdmin, swaggerUi.serve, ...)`.',
      nestjs: 'Call `SwaggerModule.setup(...)` only when `configService.get("NODE_ENV") !== "production"`, or protect the path with basic auth before setup.',
      node: 'Mount the docs only outside production, or behind an auth middleware.',
    },
    examples: {
      bad: 'app = FastAPI(title="Orders API")',
      good: 'app = FastAPI(title="Orders API", openapi_url="/openapi.json" if settings.show_docs else None)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['apiDocs'],
    confidence: 'medium',
  },
  check({ apiDocs }) {
    if (apiDocs.length === 0) return notApplicable('no interactive API docs served');
    const open = apiDocs.filter((d) => !d.gate);
    if (open.length === 0) return pass(`${plural(apiDocs.length, 'API docs setup', 'API docs setups')} switched off, switched by configuration or behind auth`, apiDocs.map((d) => d.gate!));
    return fail(
      open.map((d) => ({
        message: d.what === 'FastAPI docs' ? `FastAPI serves its interactive docs and OpenAPI schema to anyone${d.evidence.note ? ` (${d.evidence.note})` : ''}: nothing switches them off in production` : `${d.what} serves interactive API docs to anyone, in every environment, with no authentication in front`,
        evidence: [d.evidence],
        stack: fixKeyForFramework(d.framework),
      })),
    );
  },
});
