import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { CorsPolicy } from '../../facts/fact-map.js';

/** Origins only a developer's machine sends: a list made only of these is a development policy. */
const LOCAL = /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(:\d+)?\/?$/i;

/** Literal origins other than '*' (wildcards are cors-wildcard's) and other than local development ones. */
function hardcoded(p: CorsPolicy): boolean {
  if (p.allowsAny || p.origins === null || p.origins.length === 0) return false;
  return !p.origins.every((o) => LOCAL.test(o));
}

export default defineRule({
  meta: {
    id: 'cors-origins-hardcoded',
    area: 'security',
    severity: 'low',
    title: 'CORS origins come from configuration',
    failureTitle: 'CORS origins are written into the code',
    why:
      'Allowed origins written as literals in code are the same in every environment: staging front-ends are either refused or allowed to call production, and adding a domain needs a code change and a redeploy. ' +
      'Lists edited under pressure tend to grow localhost and preview URLs that stay allowed in production.',
    fix: {
      default: 'Read the allowed origins from an environment variable (comma-separated list) per environment, and keep local development origins in the development configuration only.',
      fastapi: 'Declare `cors_origins: list[str]` in your pydantic `BaseSettings` and pass `allow_origins=settings.cors_origins`; set `CORS_ORIGINS=["https://app.example.com"]` per environment.',
      flask: '`CORS(app, origins=os.environ["CORS_ORIGINS"].split(","))`, or set `CORS_ORIGINS` in the config class loaded for the environment.',
      django: '`CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS")` (django-environ) in the production settings.',
      express: '`app.use(cors({ origin: process.env.CORS_ORIGINS.split(",") }))`, validated at startup.',
      fastify: 'Register @fastify/cors with `{ origin: config.corsOrigins }` read from the environment.',
      nestjs: '`app.enableCors({ origin: config.get<string>("CORS_ORIGINS").split(",") })` with ConfigService.',
    },
    examples: {
      bad: 'app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com", "http://localhost:3000"])',
      good: 'app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['corsPolicies'],
    confidence: 'high',
  },
  check({ corsPolicies }) {
    const judged = corsPolicies.filter((p) => !p.allowsAny && !(p.origins !== null && p.origins.length === 0));
    if (judged.length === 0) return notApplicable('no CORS policy that lists origins (wildcards are reported by cors-wildcard)');
    const literal = judged.filter(hardcoded);
    if (literal.length === 0) {
      const strengths: Evidence[] = judged.map((p) => p.evidence);
      return pass(`${plural(judged.length, 'CORS policy', 'CORS policies')} read origins from configuration (or list only local development origins)`, strengths);
    }
    return fail(
      literal.map((p) => ({
        message: `CORS origins are literals in code (${(p.origins ?? []).slice(0, 3).join(', ')}${(p.origins ?? []).length > 3 ? ', …' : ''}): every environment gets the same list, and changing it needs a redeploy`,
        evidence: [p.evidence],
        stack: fixKeyForFramework(p.framework),
      })),
    );
  },
});
