import { fixKeyForFramework } from '../../core/rule-support/frameworks.js';
import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'llm-quota-missing',
    area: 'ai',
    severity: 'medium',
    title: 'Paid model usage is accounted per user',
    failureTitle: 'Routes spend on model calls with no per-user usage accounting',
    why:
      'Each request to a route that calls a paid model costs money, and a rate limit alone does not cap what one account spends in a day or a month: a single heavy user, a leaked key or a scripted client can run the bill up with no one noticing until the invoice. ' +
      'Recording the tokens each user consumes (from the response\'s `usage`) and checking a quota or credit balance before the call makes the spend visible and bounded. A route counts as accounted when a function it runs is named for quota, credits or usage (`check_quota`, `consumeCredits`, `record_usage`) or reads the response\'s token usage.',
    fix: {
      default: 'Before the model call, check the user\'s remaining quota or credits; after it, store `usage.total_tokens` (or input/output tokens) against the user, and refuse with 429/402 when the quota is spent.',
      fastapi: 'Add a dependency `Depends(require_quota)` that reads the user\'s usage for the period and raises `HTTPException(429)` when it is spent; after the call, `await record_usage(user.id, resp.usage.total_tokens)`.',
      flask: 'Call `check_quota(current_user)` at the top of the view and `record_usage(current_user.id, resp.usage.total_tokens)` after the call.',
      django: 'Keep a `Usage(user, period, tokens)` model; check it in the view (or a decorator) before the call and increment it with `F("tokens") + resp.usage.total_tokens` after.',
      express: 'A middleware `requireQuota` before the handler reads the user\'s usage; after the call, `await usage.record(req.user.id, completion.usage.total_tokens)`.',
      fastify: 'A `preHandler: [requireQuota]` on the route, and record `completion.usage.total_tokens` per user after the call.',
      nestjs: 'A `QuotaGuard` on the controller and a `UsageService.record(userId, usage.total_tokens)` after the call.',
      nextjs: 'At the top of the route handler check the user\'s credits; in `onFinish: ({ usage }) => recordUsage(userId, usage)` store what was spent.',
    },
    effort: 'days',
    appliesTo: ['py', 'node'],
    needs: ['llmUsage'],
    confidence: 'medium',
  },
  check({ llmUsage }) {
    const routes = llmUsage.routes;
    if (routes.length === 0) return notApplicable('no route reaches a model call');
    const open = routes.filter((r) => !r.accounting);
    if (open.length === 0) {
      return pass(`${plural(routes.length, 'route')} calling model providers account usage`, routes.map((r) => r.accounting!));
    }
    const seen = new Set<string>();
    return fail(
      open
        .filter((r) => {
          const key = `${r.route.file}:${r.route.line}`;
          return !seen.has(key) && seen.add(key);
        })
        .map((r) => ({
          message: `${r.method} ${r.path} calls a paid model (${r.call.file}:${r.call.line}) and nothing on its path checks or records the user's usage`,
          evidence: [r.route, r.call],
          stack: fixKeyForFramework(r.framework),
        })),
    );
  },
});
