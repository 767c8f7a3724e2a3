import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { CorsPolicy } from '../../facts/fact-map.js';

const any = (list: string[] | null) => list !== null && list.some((x) => x.trim() === '*');

/** Which of methods / headers are a wildcard. */
function wildcards(p: CorsPolicy): string[] {
  return [...(any(p.methods) ? ['methods'] : []), ...(any(p.headers) ? ['headers'] : [])];
}

export default defineRule({
  meta: {
    id: 'cors-permissive-methods',
    area: 'security',
    severity: 'low',
    title: 'CORS allows only the methods and headers the API uses',
    failureTitle: 'CORS allows every method or header',
    why:
      'A CORS policy that allows every method and every request header lets the allowed origins send any kind of cross-site request, including ones the front-end never makes (DELETE, custom override headers). ' +
      'Listing what the front-end actually sends keeps a compromised or over-broad origin from reaching more of the API than needed, and documents the contract.',
    fix: {
      default: 'List the methods and headers the front-end sends (for example GET, POST, PUT, DELETE and Authorization, Content-Type) instead of "*".',
      fastapi: '`allow_methods=["GET", "POST", "PUT", "DELETE"], allow_headers=["Authorization", "Content-Type"]` on CORSMiddleware.',
      flask: '`CORS(app, origins=..., methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])`.',
      django: 'Leave `CORS_ALLOW_METHODS` / `CORS_ALLOW_HEADERS` at django-cors-headers\' defaults or list them explicitly; do not set them to `["*"]`.',
      express: '`cors({ origin, methods: ["GET", "POST", "PUT", "DELETE"], allowedHeaders: ["Authorization", "Content-Type"] })`.',
      fastify: 'Pass `methods: ["GET", "POST", "PUT", "DELETE"]` and `allowedHeaders: [...]` to @fastify/cors.',
      nestjs: '`app.enableCors({ origin, methods: ["GET", "POST", "PUT", "DELETE"], allowedHeaders: ["Authorization", "Content-Type"] })`.',
    },
    examples: {
      bad: 'app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_methods=["*"], allow_headers=["*"])',
      good: 'app.add_middleware(CORSMiddleware, allow_origins=settings.origins, allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['corsPolicies'],
    confidence: 'high',
  },
  check({ corsPolicies }) {
    if (corsPolicies.length === 0) return notApplicable('CORS is not enabled');
    const open = corsPolicies.filter((p) => wildcards(p).length > 0);
    if (open.length === 0) {
      const listed = corsPolicies.filter((p) => p.methods !== null || p.headers !== null);
      return pass(`${plural(corsPolicies.length, 'CORS policy', 'CORS policies')} with listed or default methods and headers`, listed.map((p) => p.evidence));
    }
    return fail(
      open.map((p) => ({
        message: `CORS allows any ${wildcards(p).join(' and any ')} ("*"): allowed origins can send every kind of cross-site request`,
        evidence: [p.evidence],
        stack: fixKeyForFramework(p.framework),
      })),
    );
  },
});
