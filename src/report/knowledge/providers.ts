/**
 * What a model provider's rate limit looks like from the application, keyed by the LlmClient
 * fact's provider (which matches the stack id for the SDKs shipready detects).
 */

export interface ProviderKnowledge {
  title: string;
  /** The exception the SDK raises on HTTP 429, per language. */
  error: { python: string; node: string };
  /** Response headers that carry the remaining quota. */
  headers: string;
  /** Where usage, limits and budgets are managed. */
  console: string;
  /** The SDK's retry option and its default. */
  retries: { python: string; node: string };
}

export const PROVIDERS: Record<string, ProviderKnowledge> = {
  openai: {
    title: 'OpenAI',
    error: { python: '`openai.RateLimitError` (HTTP 429)', node: '`OpenAI.RateLimitError` (HTTP 429)' },
    headers: '`x-ratelimit-remaining-requests`, `x-ratelimit-remaining-tokens`, `x-ratelimit-reset-requests`',
    console: 'the Limits and Usage pages of the OpenAI dashboard',
    retries: { python: '`OpenAI(max_retries=5)` (default 2, with backoff)', node: '`new OpenAI({ maxRetries: 5 })` (default 2, with backoff)' },
  },
  anthropic: {
    title: 'Anthropic',
    error: {
      python: '`anthropic.RateLimitError` (HTTP 429), or `overloaded_error` (HTTP 529) when the API is overloaded',
      node: '`Anthropic.RateLimitError` (HTTP 429), or `overloaded_error` (HTTP 529) when the API is overloaded',
    },
    headers: '`anthropic-ratelimit-requests-remaining`, `anthropic-ratelimit-tokens-remaining`, `retry-after`',
    console: 'the Limits and Usage pages of the Anthropic Console',
    retries: { python: '`Anthropic(max_retries=5)` (default 2, with backoff)', node: '`new Anthropic({ maxRetries: 5 })` (default 2, with backoff)' },
  },
  groq: {
    title: 'Groq',
    error: { python: '`groq.RateLimitError` (HTTP 429)', node: '`Groq.RateLimitError` (HTTP 429)' },
    headers: '`x-ratelimit-remaining-requests`, `x-ratelimit-remaining-tokens`, `retry-after`',
    console: 'the Limits page of the Groq console',
    retries: { python: '`Groq(max_retries=5)` (default 2, with backoff)', node: '`new Groq({ maxRetries: 5 })` (default 2, with backoff)' },
  },
};
