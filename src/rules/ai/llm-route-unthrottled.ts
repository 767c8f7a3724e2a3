import type { Evidence } from '../../core/evidence.js';
import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';
import type { Route } from '../../facts/fact-map.js';

const stackOf = fixKeyForFramework;

export default defineRule({
  meta: {
    id: 'llm-route-unthrottled',
    area: 'ai',
    severity: 'high',
    title: 'Routes that call model providers are rate limited',
    failureTitle: 'Routes call LLM providers with no rate limit',
    why:
      'Every request to a route that calls an LLM, text-to-speech or speech-to-text API spends money and provider quota. Without a per-client limit, one user, a buggy front-end retry loop or a script can run up a large bill in minutes and exhaust the account\'s rate limit, which then fails the feature for every other user. ' +
      'A rate limit (or a per-user quota) on these routes bounds both the cost and the blast radius.',
    fix: {
      default: 'Put a per-user (or per-IP) rate limit on every route that reaches a model call, stricter than the app default, and consider a daily per-user quota for paid usage.',
      fastapi: 'With slowapi: `@limiter.limit("10/minute", key_func=user_key)` on the route (it needs a `request: Request` parameter); or fastapi-limiter: `dependencies=[Depends(RateLimiter(times=10, minutes=1))]`.',
      flask: 'Decorate the view with Flask-Limiter: `@limiter.limit("10 per minute", key_func=lambda: current_user.id)`.',
      django: 'Add `@ratelimit(key="user", rate="10/m", block=True)` (django-ratelimit) or a `UserRateThrottle` subclass in `throttle_classes` on the view.',
      express: 'Add a dedicated express-rate-limit instance on the route: `app.post("/summarize", rateLimit({ windowMs: 60_000, limit: 10, keyGenerator: (req) => req.user.id }), handler)`.',
      fastify: 'Give the route `config: { rateLimit: { max: 10, timeWindow: "1 minute" } }` with @fastify/rate-limit registered.',
      nestjs: 'Bind `ThrottlerGuard` (globally or `@UseGuards(ThrottlerGuard)`) and tighten the route with `@Throttle({ default: { limit: 10, ttl: 60_000 } })`.',
      nextjs: 'At the top of the handler: `const { success } = await ratelimit.limit(userId); if (!success) return new Response("Too many requests", { status: 429 })` (@upstash/ratelimit).',
    },
    examples: {
      bad: '@router.post("/summarize")\nasync def summarize(body: Body):\n    return await client.chat.completions.create(...)',
      good: '@router.post("/summarize")\n@limiter.limit("10/minute")\nasync def summarize(request: Request, body: Body):\n    return await client.chat.completions.create(...)',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['routes'],
    confidence: 'medium',
  },
  check({ routes }) {
    const llm = routes.filter((r) => r.llmCalls.length > 0);
    if (llm.length === 0) return notApplicable('no route reaches an LLM, TTS or STT call');
    const open = llm.filter((r) => !r.rateLimit);
    if (open.length === 0) {
      const limits = [...new Map(llm.map((r) => r.rateLimit as Evidence).map((e) => [`${e.file}:${e.line}`, e])).values()];
      return pass(`${plural(llm.length, 'route')} calling model providers ${llm.length === 1 ? 'is' : 'are'} rate limited`, limits);
    }
    // One finding per registration (a Flask view with methods=[GET, POST] is one place to fix).
    const byRegistration = new Map<string, Route[]>();
    for (const r of open) byRegistration.set(`${r.evidence.file}:${r.evidence.line}`, [...(byRegistration.get(`${r.evidence.file}:${r.evidence.line}`) ?? []), r]);
    const findings: Finding[] = [...byRegistration.values()].map((rs) => {
      const r = rs[0];
      const call = r.llmCalls[0];
      const methods = rs.map((x) => x.method).join('/');
      const stack = stackOf(r.framework);
      return {
        message: `${methods} ${r.path} calls a model provider (${call.file}:${call.line}${r.llmCalls.length > 1 ? ` and ${plural(r.llmCalls.length - 1, 'other call')}` : ''}) with no rate limit: each request costs money and nothing caps how often a client can send it`,
        evidence: [r.evidence, call],
        ...(stack ? { stack } : {}),
      };
    });
    return fail(findings);
  },
});
