import { defineRule, fail, notApplicable, pass, plural, type FixKey } from '../../core/rule.js';

const FIX_STACKS = new Set<string>(['fastapi', 'flask', 'django', 'express', 'fastify', 'nestjs', 'nextjs']);

/** Starlette shares FastAPI's middleware; Koa and Hono get the default text. */
function stackOf(framework: string): FixKey | undefined {
  if (framework === 'starlette') return 'fastapi';
  return FIX_STACKS.has(framework) ? (framework as FixKey) : undefined;
}

export default defineRule({
  meta: {
    id: 'cors-wildcard',
    area: 'security',
    severity: 'high',
    title: 'CORS is limited to known origins',
    failureTitle: 'CORS accepts requests from any origin',
    why: 'A CORS policy that allows every origin lets any website script your API from a visitor\'s browser and read the answers. When credentials (cookies, auth headers) are allowed as well and the server echoes the caller\'s origin back, any site the user visits can act as that user and read their data.',
    fix: {
      default: 'List the front-end origins that may call the API, read them from configuration (an env var per environment), and only allow credentials for those origins.',
      fastapi: 'Pass explicit origins from settings: `app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True)` with `CORS_ORIGINS=https://app.example.com` in the environment; never combine `["*"]` with `allow_credentials=True`.',
      flask: 'Give Flask-CORS the allowed origins: `CORS(app, origins=os.environ["CORS_ORIGINS"].split(","))` (or `CORS_ORIGINS` in the app config); `CORS(app)` alone allows every origin.',
      django: 'Remove `CORS_ALLOW_ALL_ORIGINS = True` and set `CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS")` in the production settings.',
      express: 'Pass the allowed origins: `app.use(cors({ origin: process.env.CORS_ORIGINS.split(","), credentials: true }))`; `cors()` with no `origin` allows every site.',
      fastify: 'Register `@fastify/cors` with `{ origin: process.env.CORS_ORIGINS.split(",") }` instead of `origin: true` or `"*"`.',
      nestjs: 'Call `app.enableCors({ origin: config.get("CORS_ORIGINS").split(","), credentials: true })` instead of `enableCors()` / `{ cors: true }`, which allow every origin.',
    },
    examples: {
      bad: 'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)',
      good: 'app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['corsPolicies'],
    confidence: 'high',
  },
  check({ corsPolicies }) {
    if (corsPolicies.length === 0) return notApplicable('CORS is not enabled: browsers keep the same-origin policy');
    const open = corsPolicies.filter((p) => p.allowsAny);
    if (open.length === 0) {
      const fromConfig = corsPolicies.filter((p) => p.origins === null).length;
      const summary = `${plural(corsPolicies.length, 'CORS policy', 'CORS policies')} limited to known origins${fromConfig ? ` (${fromConfig} read from configuration)` : ''}`;
      return pass(summary, corsPolicies.map((p) => p.evidence));
    }
    return fail(
      open.map((p) => {
        // Credentials only reach any site when the server echoes the Origin back; a literal "*" makes browsers refuse them.
        const critical = p.credentials !== null && p.reflectsOrigin !== false;
        const what = p.origins === null ? 'every origin' : p.origins.includes('*') ? '"*"' : 'every origin';
        return {
          message: critical
            ? `CORS allows ${what} with credentials: any website can make authenticated requests and read the answers`
            : `CORS allows ${what}: any website can call this API from a visitor's browser`,
          evidence: p.credentials && p.credentials.line !== p.evidence.line ? [p.evidence, p.credentials] : [p.evidence],
          ...(critical ? { severity: 'critical' as const } : {}),
          ...(stackOf(p.framework) ? { stack: stackOf(p.framework) } : {}),
        };
      }),
    );
  },
});
