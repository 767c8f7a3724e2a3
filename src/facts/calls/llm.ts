/**
 * LLM / TTS / STT SDK clients and calls. A call counts when its method chain has a provider's shape
 * (`.chat.completions.create`, `.messages.create`, `.models.generate_content`,
 * `.text_to_speech.convert`, `generateText(...)`, LangChain `.invoke`) AND its receiver is traced to
 * that SDK (the client's constructor, annotation or import), or, for shapes no other library uses,
 * the file imports the SDK. `client.messages.create` on a Twilio client is therefore never an LLM call.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { Evidence } from '../../core/evidence.js';
import type { FactMap, LlmCall, LlmClient, LlmProvider } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { originOf, originPackage, packageOf } from '../routes/receivers.js';

const PROVIDERS: [RegExp, LlmProvider][] = [
  [/^openai(\.|$)/, 'openai'],
  [/^(@anthropic-ai\/sdk|anthropic)(\.|$)/, 'anthropic'],
  [/^(groq|groq-sdk)(\.|$)/, 'groq'],
  [/^(google\.genai|google\.generativeai|google\.cloud\.aiplatform|vertexai|@google\/genai|@google\/generative-ai|@google-cloud\/vertexai)(\.|$)/, 'google'],
  [/^(elevenlabs|@elevenlabs\/[\w-]+)(\.|$)/, 'elevenlabs'],
  [/^(mistralai|@mistralai\/mistralai)(\.|$)/, 'mistral'],
  [/^(cohere|cohere-ai)(\.|$)/, 'cohere'],
  [/^(langchain[\w-]*|@langchain\/[\w-]+|langgraph)(\.|$)/, 'langchain'],
  [/^(ai|@ai-sdk\/[\w-]+)(\.|$)/, 'vercel-ai'],
  [/^(litellm|ollama|together|replicate)(\.|$)/, 'other'],
];
const CLIENT_CTOR =
  /^(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Anthropic|AsyncAnthropic|AnthropicVertex|AnthropicBedrock|Groq|AsyncGroq|Client|AsyncClient|GenerativeModel|GoogleGenAI|GoogleGenerativeAI|ElevenLabs|AsyncElevenLabs|ElevenLabsClient|Mistral|MistralClient|CohereClient|CohereClientV2|ClientV2|AsyncClientV2|Chat[A-Z]\w*|AzureChatOpenAI|init_chat_model|default)$/;

interface Shape {
  re: RegExp;
  /** Providers whose import alone is enough to trust this shape. */
  importedFrom: LlmProvider[];
  /** No other library has this method chain: trusted even when the client cannot be traced. */
  specific?: LlmProvider | 'any';
  /** Text generation (max tokens applies); false for embeddings, speech, images. */
  completion: boolean;
}

const SHAPES: Shape[] = [
  { re: /\.chat\.completions\.(create|parse|stream)$/, importedFrom: ['openai', 'groq', 'other'], specific: 'any', completion: true },
  { re: /\.responses\.(create|parse|stream)$/, importedFrom: ['openai'], completion: true },
  { re: /\.completions\.create$/, importedFrom: [], completion: true },
  { re: /\.messages\.(create|stream)$/, importedFrom: ['anthropic'], completion: true },
  { re: /\.models\.(generate_content|generate_content_stream|generateContent|generateContentStream)$/, importedFrom: ['google'], specific: 'google', completion: true },
  { re: /(^|\.)(generate_content|generate_content_async|generateContent|generateContentStream)$/, importedFrom: ['google'], completion: true },
  { re: /\.chat\.(complete|complete_async|stream|stream_async)$/, importedFrom: ['mistral'], completion: true },
  { re: /\.embeddings\.create$/, importedFrom: ['openai', 'mistral'], completion: false },
  { re: /\.models\.(embed_content|embedContent)$/, importedFrom: ['google'], completion: false },
  { re: /\.audio\.(transcriptions|translations|speech)\.create$/, importedFrom: ['openai', 'groq'], specific: 'any', completion: false },
  { re: /\.images\.(generate|edit)$/, importedFrom: ['openai'], completion: false },
  { re: /\.(text_to_speech|textToSpeech|speech_to_text|speechToText)\.(convert|stream|convert_as_stream)$/, importedFrom: ['elevenlabs'], specific: 'elevenlabs', completion: false },
];
const VERCEL_FUNCS = /^(generateText|streamText|generateObject|streamObject|embed|embedMany)$/;
const LANGCHAIN_METHODS = /^(invoke|ainvoke|stream|astream|batch|abatch|predict|apredict|call)$/;
const LANGCHAIN_RECEIVER = /llm|model|chat|chain|agent|graph|runnable/i;
const MAX_TOKEN_KEYS = /^(max_tokens|maxTokens|max_completion_tokens|maxCompletionTokens|max_output_tokens|maxOutputTokens|max_new_tokens|num_predict)$/;

export const providerOfPath = (path: string): LlmProvider | null => PROVIDERS.find(([re]) => re.test(path))?.[1] ?? null;

const providerCache = new WeakMap<CodeModel, Set<LlmProvider>>();

function importedProviders(model: CodeModel): Set<LlmProvider> {
  const cached = providerCache.get(model);
  if (cached) return cached;
  const out = new Set<LlmProvider>();
  providerCache.set(model, out);
  for (const i of model.imports) {
    const p = providerOfPath(i.module);
    if (p) out.add(p);
  }
  return out;
}

export interface LlmHit {
  provider: LlmProvider;
  completion: boolean;
}

const memo = new WeakMap<Program, Map<string, (LlmHit | null | undefined)[]>>();
/** Method names any LLM call shape ends with: a cheap filter before tracing receivers. */
const CANDIDATE = /^(create|parse|stream|generate_content|generate_content_stream|generate_content_async|generateContent|generateContentStream|complete|complete_async|stream_async|embed_content|embedContent|generate|edit|convert|convert_as_stream|invoke|ainvoke|astream|batch|abatch|predict|apredict|call|generateText|streamText|generateObject|streamObject|embed|embedMany|completion|acompletion)$/;

/** Is this call site an LLM/TTS/STT SDK call? Memoised per program. */
export function llmCallAt(prog: Program, file: string, idx: number): LlmHit | null {
  let m = memo.get(prog);
  if (!m) memo.set(prog, (m = new Map()));
  let hits = m.get(file);
  if (!hits) m.set(file, (hits = []));
  const known = hits[idx];
  if (known !== undefined) return known;
  const model = prog.model(file);
  const c = model?.calls[idx];
  const hit = model && c && CANDIDATE.test(c.name) ? detect(prog, model, c) : null;
  hits[idx] = hit;
  return hit;
}

function detect(prog: Program, model: CodeModel, c: CallSite): LlmHit | null {
  const file = model.file;
  if (!c.callee.includes('.')) {
    const pkg = packageOf(prog, file, c.callee);
    if (pkg && VERCEL_FUNCS.test(c.name) && providerOfPath(pkg.path) === 'vercel-ai') return { provider: 'vercel-ai', completion: !/^embed/.test(c.name) };
    if (pkg && /^(completion|acompletion)$/.test(c.name) && pkg.module === 'litellm') return { provider: 'other', completion: true };
    return null;
  }
  if (/\.threads\./.test(c.callee)) return null; // Assistants API thread messages: no generation
  const imported = importedProviders(model);
  for (const shape of SHAPES) {
    const m = shape.re.exec(c.callee);
    if (!m) continue;
    const receiver = c.callee.slice(0, m.index);
    const pkg = receiver ? originPackage(prog, originOf(prog, file, c.fn, receiver)) : null;
    const traced = pkg ? providerOfPath(pkg.path) : null;
    if (pkg && !traced) return null; // a client of another package (Twilio's `client.messages.create`)
    if (traced && traced !== 'langchain' && traced !== 'vercel-ai') return { provider: traced, completion: shape.completion };
    const fromImport = shape.importedFrom.find((p) => imported.has(p));
    if (fromImport) return { provider: fromImport, completion: shape.completion };
    if (shape.specific) return { provider: shape.specific === 'any' ? 'other' : shape.specific, completion: shape.completion };
    return null;
  }
  const pkg = packageOf(prog, file, c.callee);
  if (pkg?.module === 'litellm' && /^(completion|acompletion)$/.test(c.name)) return { provider: 'other', completion: true };
  if (LANGCHAIN_METHODS.test(c.name) && imported.has('langchain')) {
    const receiver = c.callee.slice(0, c.callee.lastIndexOf('.'));
    const traced = providerOfPath(originPackage(prog, originOf(prog, file, c.fn, receiver))?.path ?? '');
    if (traced === 'langchain' || (traced === null && LANGCHAIN_RECEIVER.test(receiver))) return { provider: 'langchain', completion: true };
  }
  return null;
}

/** Evidence of a max-tokens bound in the call's options; a note when the options cannot be read. */
function maxTokensOf(prog: Program, model: CodeModel, c: CallSite, hit: LlmHit): Evidence | null {
  const ev = (line: number, note: string) => prog.repo.ev(model.file, line, { note });
  if (!hit.completion) return ev(c.line, 'not a text-generation call');
  const seen = new Set<Value>();
  const search = (v: Value | undefined, depth: number): Evidence | null | 'opaque' => {
    if (!v || depth > 3 || seen.has(v)) return null;
    seen.add(v);
    if (v.kind === 'dict') {
      if (v.text.includes('...')) return 'opaque';
      for (const e of v.entries ?? []) {
        if (MAX_TOKEN_KEYS.test(e.key)) return ev(e.value.line, e.key);
        const inner = search(e.value, depth + 1);
        if (inner) return inner;
      }
    }
    if (v.kind === 'call' && v.call !== undefined) {
      const inner = model.calls[v.call];
      for (const [k, kv] of Object.entries(inner.kwargs)) if (MAX_TOKEN_KEYS.test(k)) return ev(kv.line, k);
      for (const a of [...inner.args, ...Object.values(inner.kwargs)]) {
        const r = search(a, depth + 1);
        if (r) return r;
      }
    }
    return null;
  };
  for (const [k, v] of Object.entries(c.kwargs)) if (MAX_TOKEN_KEYS.test(k)) return ev(v.line, k);
  if (c.kwargs['**']) return ev(c.line, 'options passed with ** cannot be read');
  for (const a of [...c.args, ...Object.values(c.kwargs)]) {
    const r = search(a, 0);
    if (r === 'opaque') return ev(c.line, 'options spread from a variable cannot be read');
    if (r) return r;
  }
  if (model.language !== 'python' && c.args.length > 0 && c.args.every((a) => a.kind === 'name' || a.kind === 'attr')) {
    return ev(c.line, 'options passed in a variable cannot be read');
  }
  // LangChain chat models and Gemini's GenerativeModel take the bound when they are built.
  if (hit.provider === 'langchain' || hit.provider === 'google') {
    const dot = c.callee.lastIndexOf('.');
    const o = dot > 0 ? originOf(prog, model.file, c.fn, c.callee.slice(0, dot).replace(/\.(aio\.)?models$/, '')) : null;
    const ctorModel = o ? prog.model(o.file) : undefined;
    if (o?.value?.kind === 'call' && o.value.call !== undefined && ctorModel) {
      const r = maxTokensOf(prog, ctorModel, ctorModel.calls[o.value.call], { ...hit, provider: 'openai' });
      if (r || hit.provider === 'google') return r;
    }
    if (hit.provider === 'langchain') return ev(c.line, 'bound on the chat model object, which cannot be traced from this call');
  }
  return null;
}

function isApp(repo: RepoContext, file: string): boolean {
  return repo.file(file)?.role === 'app';
}

export function collectLlmCalls(repo: RepoContext, _facts: FactMap): LlmCall[] {
  const prog = programFor(repo);
  const out: LlmCall[] = [];
  for (const model of repo.models.values()) {
    if (!isApp(repo, model.file)) continue;
    model.calls.forEach((c, i) => {
      const hit = llmCallAt(prog, model.file, i);
      if (!hit) return;
      out.push({
        provider: hit.provider,
        evidence: repo.ev(model.file, c.line, { endLine: c.endLine }),
        function: c.fn >= 0 ? model.functions[c.fn].name : '',
        maxTokens: maxTokensOf(prog, model, c, hit),
      });
    });
  }
  return out;
}

const TIMEOUT_KEYS = /^(timeout|request_timeout|default_request_timeout|timeout_ms|timeoutMs|timeoutInSeconds|timeout_in_seconds)$/;
const RETRY_KEYS = /^(max_retries|maxRetries|retries|retry_config|retryConfig|retry_options|retryOptions)$/;
/**
 * Options that can carry a timeout we cannot read: LangChain `model_kwargs` (passed to every request,
 * where `timeout` is a request option) and a custom `http_client` (the SDK then uses its timeout).
 */
const TIMEOUT_CARRIERS = /^(model_kwargs|modelKwargs|http_client|httpClient|client_kwargs)$/;
/** Google GenAI nests its settings: `http_options=HttpOptions(timeout=…, retry_options=…)`. */
const NESTED_KEYS = /^(http_options|httpOptions)$/;

/** An option set on the constructor: a keyword, an object-literal key, or opaque options (credited). */
function optionOf(prog: Program, model: CodeModel, c: CallSite, keys: RegExp, depth = 0): Evidence | null {
  const ev = (line: number, note: string) => prog.repo.ev(model.file, line, { note });
  for (const [k, v] of Object.entries(c.kwargs)) if (keys.test(k)) return ev(v.line, k);
  if (c.kwargs['**']) return ev(c.line, 'options passed with ** cannot be read');
  if (keys === TIMEOUT_KEYS) {
    for (const [k, v] of Object.entries(c.kwargs)) {
      if (!TIMEOUT_CARRIERS.test(k)) continue;
      if (v.kind !== 'dict') return ev(v.line, `${k} may carry a timeout`);
      const e = v.entries?.find((x) => keys.test(x.key));
      if (e) return ev(e.value.line, `${k}.${e.key}`);
    }
  }
  const nested = (v: Value): Evidence | null => {
    if (depth > 1) return null;
    if (v.kind === 'call' && v.call !== undefined) return optionOf(prog, model, model.calls[v.call], keys, depth + 1);
    if (v.kind === 'dict') return optionOf(prog, model, { ...c, kwargs: {}, args: [v] }, keys, depth + 1);
    return ev(v.line, 'options passed in a variable cannot be read');
  };
  for (const [k, v] of Object.entries(c.kwargs)) if (NESTED_KEYS.test(k)) {
    const r = nested(v);
    if (r) return r;
  }
  for (const a of c.args) {
    if (a.kind === 'dict') {
      if (a.text.includes('...')) return ev(c.line, 'options spread from a variable cannot be read');
      const e = a.entries?.find((x) => keys.test(x.key));
      if (e) return ev(e.value.line, e.key);
      const n = a.entries?.find((x) => NESTED_KEYS.test(x.key));
      if (n) {
        const r = nested(n.value);
        if (r) return r;
      }
    } else if (model.language !== 'python' && (a.kind === 'name' || a.kind === 'attr')) {
      return ev(c.line, 'options passed in a variable cannot be read');
    }
  }
  return null;
}

/**
 * `client.with_options(timeout=…, max_retries=…)` (`withOptions` in JS) on a client built by the
 * constructor at `file:ctorLine`, anywhere in the app: the derived client carries the setting.
 * A receiver that cannot be traced counts when it is in the constructor's own file.
 */
function withOptionsOf(prog: Program, uses: readonly { model: CodeModel; c: CallSite }[], file: string, ctorLine: number, ctorCallee: string, keys: RegExp): Evidence | null {
  for (const { model, c } of uses) {
    const recv = c.callee.slice(0, c.callee.lastIndexOf('.'));
    // `model.with_structured_output(X).with_retry()`: the chain starts at the variable bound to the client.
    const root = recv.includes('(') ? (/^((?:self\.|this\.)?[\w$]+)\./.exec(recv)?.[1] ?? recv) : recv;
    const o = originOf(prog, model.file, c.fn, root);
    // Chained on the constructor, or on a parenthesised LangChain pipe holding it (the callee text
    // keeps `()` for it): `(init_chat_model(...) | RunnableLambda(check)).with_retry(...)` retries the
    // whole sequence, the model call included.
    const inSpan = model.file === file && c.line <= ctorLine && ctorLine <= c.endLine;
    const chained = (inSpan && recv.startsWith(`${ctorCallee}(`)) || (inSpan && recv.startsWith('()'));
    const same = chained || (o ? o.file === file && o.value?.kind === 'call' && o.value.line === ctorLine : model.file === file && !recv.includes('('));
    if (!same) continue;
    // LangChain `.with_retry(...)` retries the runnable (3 attempts by default).
    if (/^(with_retry|withRetry)$/.test(c.name)) {
      if (keys === RETRY_KEYS) return prog.repo.ev(model.file, c.line, { note: `${c.name}()` });
      continue;
    }
    const r = optionOf(prog, model, c, keys);
    if (r) return { ...r, note: `${c.name}(): ${r.note ?? ''}` };
  }
  return null;
}

/** LangChain classes named Chat… that are not model clients. */
const NOT_A_CLIENT = /^Chat(Prompt\w*|Message\w*|Generation\w*|Result|Session\w*|History\w*)$/;

export function collectLlmClients(repo: RepoContext, _facts: FactMap): LlmClient[] {
  const prog = programFor(repo);
  const withUses = [...repo.models.values()]
    .filter((m) => isApp(repo, m.file))
    .flatMap((model) => model.calls.filter((c) => /^(with_options|withOptions|with_retry|withRetry)$/.test(c.name)).map((c) => ({ model, c })));
  const out: LlmClient[] = [];
  for (const model of repo.models.values()) {
    if (!isApp(repo, model.file)) continue;
    for (const c of model.calls) {
      const pkg = packageOf(prog, model.file, c.callee);
      const provider = pkg ? providerOfPath(pkg.path) : null;
      if (!pkg || !provider || provider === 'vercel-ai') continue;
      const last = pkg.path.split('.').pop() ?? '';
      if (!CLIENT_CTOR.test(last) || NOT_A_CLIENT.test(last) || (last === 'default' && !c.isNew)) continue;
      if (c.callee.includes('(')) continue; // `init_chat_model(...).with_retry(...)`: a call on the client, not another client
      // LangChain: chat models only (`@langchain/langgraph-sdk`'s `Client` talks to a LangGraph server).
      if (provider === 'langchain' && !/^(Chat[A-Z]\w*|AzureChatOpenAI|init_chat_model)$/.test(last)) continue;
      out.push({
        provider,
        evidence: repo.ev(model.file, c.line, { endLine: c.endLine }),
        timeout: optionOf(prog, model, c, TIMEOUT_KEYS) ?? withOptionsOf(prog, withUses, model.file, c.line, c.callee, TIMEOUT_KEYS),
        retries: optionOf(prog, model, c, RETRY_KEYS) ?? withOptionsOf(prog, withUses, model.file, c.line, c.callee, RETRY_KEYS),
        ctor: last,
      });
    }
  }
  return out;
}
