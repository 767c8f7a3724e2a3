import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

/** Notes llm.ts puts on a non-null `maxTokens` that is not a bound: the call generates no text. */
const NOT_TEXT = 'not a text-generation call';

export default defineRule({
  meta: {
    id: 'llm-max-tokens-missing',
    area: 'ai',
    severity: 'low',
    title: 'Text-generation calls bound the output length',
    failureTitle: 'Model calls have no max tokens bound',
    why:
      'A completion call with no output bound lets the model write until the model\'s own context limit: one looping or verbose answer costs many times a normal one, and the request takes as long as the model keeps writing, so a route can hang for minutes. ' +
      'A `max_tokens` bound caps both the cost and the latency of every call. Anthropic\'s Messages API requires `max_tokens`, so its calls are never reported; options passed in a variable or through `**kwargs` are assumed bounded.',
    fix: {
      default: 'Pass an explicit output bound sized to the feature on every text-generation call (`max_tokens`, `max_completion_tokens` for OpenAI reasoning models, `max_output_tokens` for Gemini and the Responses API, `maxOutputTokens` for the Vercel AI SDK).',
      py: '`client.chat.completions.create(model=..., messages=..., max_completion_tokens=800)`; Gemini: `config=types.GenerateContentConfig(max_output_tokens=800)`; LangChain: `ChatOpenAI(model=..., max_tokens=800)`.',
      node: '`openai.chat.completions.create({ model, messages, max_completion_tokens: 800 })`; Vercel AI SDK: `generateText({ model, prompt, maxOutputTokens: 800 })`.',
    },
    examples: {
      bad: 'client.chat.completions.create(model="gpt-4o-mini", messages=messages)',
      good: 'client.chat.completions.create(model="gpt-4o-mini", messages=messages, max_tokens=800)',
      lang: 'python',
    },
    effort: 'minutes',
    appliesTo: ['py', 'node'],
    needs: ['llmCalls'],
    confidence: 'high',
  },
  check({ llmCalls }) {
    const text = llmCalls.filter((c) => c.maxTokens?.note !== NOT_TEXT);
    if (text.length === 0) return notApplicable('no text-generation model call in the application code');
    // Anthropic's Messages API rejects a call without max_tokens: the bound cannot be missing there.
    const open = text.filter((c) => c.maxTokens === null && c.provider !== 'anthropic');
    if (open.length === 0) {
      const bounds = text.map((c) => c.maxTokens).filter((e): e is NonNullable<typeof e> => e !== null);
      return pass(`${plural(text.length, 'text-generation call')} ${text.length === 1 ? 'has' : 'have'} an output bound`, bounds);
    }
    return fail(
      open.map((c) => ({
        message: `${c.provider === 'other' ? 'A model' : `${/^[aeiou]/.test(c.provider) ? 'An' : 'A'} ${c.provider}`} call${c.function ? ` in ${c.function}()` : ''} sets no max tokens: each answer can run to the model's context limit, in cost and in time`,
        evidence: [c.evidence],
        stack: c.evidence.file.endsWith('.py') ? 'py' : 'node',
      })),
    );
  },
});
