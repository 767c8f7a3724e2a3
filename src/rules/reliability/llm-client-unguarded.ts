import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';
import type { Evidence } from '../../core/evidence.js';

/** What each SDK does when nothing is set, for exact messages. */
const DEFAULTS: Record<string, { timeout?: string; retries?: string }> = {
  openai: { timeout: 'the SDK default lets one request run for 10 minutes', retries: 'the SDK default of 2 retries applies' },
  anthropic: { timeout: 'the SDK default lets one request run for 10 minutes', retries: 'the SDK default of 2 retries applies' },
};
/** Providers whose client takes a retry setting when it is built (others retry per request, or not at all). */
const RETRY_AT_CLIENT = new Set(['openai', 'anthropic', 'groq', 'mistral', 'langchain', 'google']);
const NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', groq: 'Groq', google: 'Google GenAI', langchain: 'LangChain chat model', elevenlabs: 'ElevenLabs', mistral: 'Mistral', cohere: 'Cohere', other: 'model' };

export default defineRule({
  meta: {
    id: 'llm-client-unguarded',
    area: 'reliability',
    severity: 'medium',
    title: 'LLM clients set an explicit timeout and retry policy',
    failureTitle: 'LLM clients built without explicit timeout and retry settings',
    why:
      'Model APIs are slow and fail often: overloaded answers (429/529), long tail latencies, dropped streams. A client built with defaults waits as long as its SDK allows (OpenAI and Anthropic: 10 minutes per request) and retries as its SDK decides, so one stuck provider holds a worker for minutes and a burst of failures multiplies the load. ' +
      'Setting `timeout` and `max_retries` where the client is built makes the worst case a number you chose. Settings passed through `**kwargs`, a variable or a spread options object are assumed present; `with_options(timeout=…, max_retries=…)` on the client counts. Retries are only asked of SDKs whose client takes them (OpenAI, Anthropic, Groq, Mistral, Google GenAI, LangChain chat models).',
    fix: {
      default: 'Build each client with a timeout sized to the feature (tens of seconds, not minutes) and an explicit retry count, and handle the timeout error.',
      py: '`AsyncOpenAI(timeout=30.0, max_retries=2)`; `AsyncAnthropic(timeout=30.0, max_retries=2)`; LangChain: `ChatOpenAI(model=..., timeout=30, max_retries=2)`; Google GenAI: `genai.Client(http_options=types.HttpOptions(timeout=30_000, retry_options=types.HttpRetryOptions(attempts=3)))`.',
      node: '`new OpenAI({ timeout: 30_000, maxRetries: 2 })`; `new Anthropic({ timeout: 30_000, maxRetries: 2 })`; LangChain: `new ChatOpenAI({ model, timeout: 30_000, maxRetries: 2 })`.',
    },
    examples: {
      bad: 'client = AsyncOpenAI(api_key=settings.openai_api_key)',
      good: 'client = AsyncOpenAI(api_key=settings.openai_api_key, timeout=30.0, max_retries=2)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['llmClients'],
    confidence: 'high',
  },
  check({ llmClients }) {
    if (llmClients.length === 0) return notApplicable('no LLM / AI SDK client is built in the application code');
    const findings = [];
    const strengths: Evidence[] = [];
    // Gemini's legacy `GenerativeModel` takes no timeout or retry when built (they go in each call's request_options).
    const judged = llmClients.filter((c) => c.ctor !== 'GenerativeModel');
    if (judged.length === 0) return notApplicable('the only model objects take their timeout per request (GenerativeModel request_options)');
    for (const c of judged) {
      const d = DEFAULTS[c.provider] ?? {};
      const noTimeout = c.timeout === null;
      const noRetries = c.retries === null && RETRY_AT_CLIENT.has(c.provider);
      if (!noTimeout && !noRetries) {
        strengths.push(...[c.timeout, c.retries].filter((e): e is Evidence => e !== null));
        continue;
      }
      const parts = [
        noTimeout && `no timeout${d.timeout ? ` (${d.timeout})` : ' (the SDK default applies)'}`,
        noRetries && `no retry setting${d.retries ? ` (${d.retries})` : ' (the SDK default applies)'}`,
      ].filter(Boolean);
      findings.push({
        message: `${NAMES[c.provider] ?? c.provider}${c.provider === 'langchain' ? '' : ' client'} built with ${parts.join(' and ')}`,
        evidence: [c.evidence],
        stack: (c.evidence.file.endsWith('.py') ? 'py' : 'node') as 'py' | 'node',
      });
    }
    if (findings.length > 0) return fail(findings);
    return pass(`${plural(judged.length, 'LLM client')} built with explicit timeout and retry settings`, strengths);
  },
});
