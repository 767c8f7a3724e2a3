import { defineRule, fail, notApplicable, pass, plural, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'llm-fallback-missing',
    area: 'ai',
    severity: 'low',
    title: 'Model calls degrade gracefully when the provider fails',
    failureTitle: 'Model calls have no fallback when the provider fails',
    why:
      'Model providers have outages, rate-limit bursts (429) and overloaded periods (529/503) several times a year; when the only provider fails and nothing catches it, every request to the feature ends in a 500. ' +
      'A call counts as covered when an except/catch block of its function (or of the function calling it) returns a degraded answer or sends a response, when the same file calls a second provider, or when LangChain `.with_fallbacks()` / LiteLLM `fallbacks=` is configured; a bare re-raise is not a fallback. A service that calls two or more providers is not reported.',
    fix: {
      default: 'Catch the provider\'s errors around the call and answer with a degraded result (a cached or canned reply, a "try again shortly" message with 503), or route the call through a second provider or model when the first fails.',
      py: '```python\ntry:\n    r = await client.chat.completions.create(...)\nexcept openai.APIError:\n    logger.warning("llm unavailable", exc_info=True)\n    return {"answer": None, "degraded": True}\n```\nLangChain: `primary.with_fallbacks([backup])`; LiteLLM Router: `Router(model_list=..., fallbacks=[{"gpt-4o": ["claude-3-5-sonnet"]}])`.',
      node: '```ts\ntry {\n  return await openai.chat.completions.create(...);\n} catch (err) {\n  logger.warn({ err }, "llm unavailable");\n  return res.status(503).json({ error: "Assistant temporarily unavailable" });\n}\n```',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['llmUsage'],
    confidence: 'medium',
  },
  check({ llmUsage }) {
    const calls = llmUsage.calls;
    if (calls.length === 0) return notApplicable('no text-generation model call in the application code');
    const findings: Finding[] = [];
    const strengths = calls.flatMap((c) => (c.fallback ? [c.fallback] : []));
    for (const service of new Set(calls.map((c) => c.service))) {
      const mine = calls.filter((c) => c.service === service);
      const vendors = new Set(mine.map((c) => c.provider).filter((p) => p !== 'langchain' && p !== 'vercel-ai' && p !== 'other'));
      if (vendors.size >= 2) continue;
      for (const c of mine.filter((x) => !x.fallback)) {
        findings.push({
          message: `This ${c.provider === 'other' ? 'model' : c.provider} call has no fallback: when the provider fails (outage, 429, overload) nothing answers with a degraded result or tries a second provider, so the feature fails with it`,
          evidence: [c.evidence],
          stack: c.evidence.file.endsWith('.py') ? 'py' : 'node',
        });
      }
    }
    if (findings.length === 0) return pass(`${plural(calls.length, 'model call')} ${calls.length === 1 ? 'has' : 'have'} a fallback or a second provider`, strengths);
    return fail(findings);
  },
});
