/** Facts drawn mostly from code: dependencies, stacks, routes, calls, security and runtime facts. Part of the FactMap contract (src/facts/fact-map.ts re-exports it). */
import type { Evidence } from '../../core/evidence.js';
import type { StackTag } from '../../core/types.js';

export type Ecosystem = 'npm' | 'pypi';

export interface Dependency {
  name: string;
  spec: string;
  ecosystem: Ecosystem;
  dev: boolean;
  evidence: Evidence;
}

export interface DetectedStack {
  id: string;
  title: string;
  tags: StackTag[];
  evidence: Evidence[];
}

export type Framework = 'fastapi' | 'flask' | 'django' | 'starlette' | 'express' | 'fastify' | 'nestjs' | 'nextjs' | 'koa' | 'hono';

/** Where a web application object is created (FastAPI(), express(), NestFactory.create …). */
export interface AppEntry {
  framework: Framework;
  evidence: Evidence;
}

export interface Route {
  framework: Framework;
  method: string; // GET, POST, …, ANY
  path: string; // as declared, with router prefixes joined where known
  /** The registration: decorator, app.get(...) call, or route file export. */
  evidence: Evidence;
  handler: { file: string; name: string; line: number; endLine: number } | null;
  /** What protects the route (a dependency, decorator, guard or middleware), null when nothing does. */
  auth: Evidence | null;
  rateLimit: Evidence | null;
  /** LLM / TTS / STT calls the handler makes, directly or through functions it calls. */
  llmCalls: Evidence[];
  /** Outbound HTTP calls the handler makes, directly or through functions it calls. */
  httpCalls: Evidence[];
  /** Evidence that the handler returns a whole collection (`.all()`, `findMany()` with no bound). */
  returnsList: Evidence | null;
  /** Evidence of a pagination / limit parameter. */
  pagination: Evidence | null;
  /** Names of functions the handler calls (transitively, bounded), for dependency checks. */
  reaches: string[];
  /** Dependencies the handler touches (directly or through called functions). */
  touches: { database: Evidence | null; cache: Evidence | null; broker: Evidence | null };
  /** Primary dependencies the route's service uses (DB library, Redis client, Celery/BullMQ/RQ queue), for health-check depth. */
  uses?: { database: Evidence | null; cache: Evidence | null; broker: Evidence | null };
  /**
   * A view answering any method whose handler only builds a response (Django `render`, `redirect`,
   * `HttpResponse…`): it reads no input and changes nothing, whatever the verb.
   */
  rendersOnly?: boolean;
}

export interface CorsPolicy {
  framework: Framework;
  evidence: Evidence;
  /** Origins as resolved: literal strings, or null when read from configuration. */
  origins: string[] | null;
  /** True when every origin is allowed: '*', origin: true, cors() with no options, … */
  allowsAny: boolean;
  /** The caller's Origin is echoed back (Starlette/Flask/Django with "*", `origin: true`): credentials then reach any site. */
  reflectsOrigin?: boolean;
  /** Evidence of allow_credentials=True / credentials: true. */
  credentials: Evidence | null;
  methods: string[] | null;
  headers: string[] | null;
}

/**
 * A capability found in the code or configs. Many checks only ask "is there one, and where":
 * a rate limiter, a metrics exporter, an error tracker.
 */
export type MarkerKind =
  | 'rate-limiter'
  | 'security-headers'
  | 'exception-handler'
  | 'shutdown-hook'
  | 'structured-logging'
  | 'logging-setup'
  | 'request-id'
  | 'error-tracker'
  | 'metrics'
  | 'migration-tool'
  | 'schema-in-code' // create_all / CREATE TABLE / synchronize: true
  | 'orm-model'
  | 'backup'
  | 'task-time-limit'
  | 'health-check-config';

export interface Marker {
  kind: MarkerKind;
  /** Library or mechanism: 'slowapi', 'helmet', 'sentry', 'alembic', … */
  detail: string;
  evidence: Evidence;
  /** 'app' when it covers the whole application (a middleware, a global handler). */
  scope?: 'app' | 'route' | 'repo';
}

export interface HttpCall {
  client: string; // requests, httpx, aiohttp, urllib, fetch, axios, got, http
  evidence: Evidence;
  /** null when a timeout is set (or cannot be ruled out), else why it is missing. */
  missingTimeout: string | null;
  inAsync: boolean;
  function: string;
}

export type LlmProvider = 'openai' | 'anthropic' | 'groq' | 'google' | 'langchain' | 'elevenlabs' | 'mistral' | 'cohere' | 'vercel-ai' | 'other';

export interface LlmClient {
  provider: LlmProvider;
  evidence: Evidence;
  timeout: Evidence | null;
  retries: Evidence | null;
  /** The constructor's name (`AsyncOpenAI`, `GenerativeModel`, `default` for a JS default export). */
  ctor?: string;
}

export interface LlmCall {
  provider: LlmProvider;
  evidence: Evidence;
  /** Enclosing function name ('' at module level) and file, for route reachability. */
  function: string;
  maxTokens: Evidence | null;
}

export interface SecretFact {
  kind: string; // 'openai-key', 'aws-access-key', 'credential-url', 'high-entropy-assignment', …
  /** The evidence snippet is already redacted. */
  evidence: Evidence;
  name?: string;
}

export interface EnvFileFact {
  file: string;
  tracked: boolean | undefined;
  /** Matched by a .gitignore rule. */
  ignored: boolean;
  evidence: Evidence;
  /** false: no such file; the fact only says whether .gitignore would cover `file` (a service whose code reads env vars). */
  present?: boolean;
  /** Lines of the file that give a secret-named variable a real value (snippets redacted). */
  secretLines?: Evidence[];
}

export interface DebugSetting {
  evidence: Evidence;
  mechanism: string; // 'FastAPI(debug=True)', 'DEBUG = True', 'settings default', 'errorhandler()', …
  /** false: a debug switch that is off by default (a pass's evidence); absent: debug is on. */
  enabled?: boolean;
}

export interface ErrorLeak {
  evidence: Evidence;
  what: string; // 'str(e)', 'err.stack', 'traceback' …
}

export interface SqlCall {
  evidence: Evidence;
  /** How the SQL text is built: 'f-string', 'concatenation', 'format', 'percent', 'template literal'. */
  building: string;
}

export interface BlockingCall {
  evidence: Evidence;
  call: string;
  function: string;
  /** Set when the blocking call sits in a plain (sync) helper that an async function calls: the caller's call line. */
  via?: { caller: string; helper: string; evidence: Evidence };
}

export interface DbEngine {
  kind: string; // 'sqlalchemy', 'pg', 'mysql2', 'knex', 'sequelize', 'typeorm', 'prisma', 'django'
  evidence: Evidence;
  /** Pool settings passed, by name (pool_size, max_overflow, max, connectionLimit …). */
  poolOptions: string[];
  /** The pool is disabled on purpose (NullPool) or irrelevant (SQLite file). */
  poolNotApplicable: string | null;
}

export interface SqliteUse {
  evidence: Evidence;
  /** True when the value is a fallback used only if configuration does not say otherwise. */
  fallbackOnly: boolean;
  /** For a fallback: where configuration (env template, deploy config, a settings switch) supplies the real database. */
  overriddenBy?: Evidence;
}

export interface LogCall {
  kind: 'print' | 'console';
  evidence: Evidence;
}

/** exception-swallowed: an except/catch block (or `.catch()` callback, `suppress(Exception)`) that discards a broad error (src/facts/process/swallowed.ts). */
export interface SwallowedException {
  evidence: Evidence;
  /** How it is written: 'except Exception:', 'except:', 'catch (e)', 'catch', '.catch(() => {})', 'suppress(Exception)'. */
  form: string;
  family: 'py' | 'node';
}

/** unhandled-rejection: one Node server service and what handles process-level errors there (src/facts/process/process-errors.ts). */
export interface ProcessErrorHandling {
  service: string;
  framework: Framework | 'http';
  /** Where the server is created: the app entry (the fix goes there). */
  entry: Evidence;
  /** process.on/once/addListener('unhandledRejection' | 'uncaughtException'), setUncaughtExceptionCaptureCallback. */
  handlers: Evidence[];
  /** Libraries that register both handlers (Sentry.init with default integrations, close-with-grace). */
  libraries: Evidence[];
}

/** health-status-always-ok: a health handler that can report an unhealthy state (src/facts/process/health-status.ts). */
export interface HealthStatusFact {
  route: Evidence;
  method: string;
  path: string;
  framework: Framework;
  /** Where the body says degraded/unhealthy/ok: false. */
  unhealthy: Evidence;
  /** Where a non-200 status is set (status_code=, res.status(503), raise HTTPException…); null: always 200. */
  statusSet: Evidence | null;
}

/** in-process-state: a module-level container mutated while serving requests (src/facts/process/module-state.ts). */
export interface ModuleStateFact {
  name: string;
  /** 'dict', 'list', 'set', 'Map', 'Set', 'object', 'array'… */
  container: string;
  family: 'py' | 'node';
  /** The module-level definition. */
  evidence: Evidence;
  /** Where request-time code mutates it. */
  mutations: Evidence[];
}

/** client-per-request: a client, engine or compiled graph built on every request or task run (src/facts/requests/clients.ts). */
export interface PerRequestClient {
  /** What is created: 'httpx.AsyncClient', 'sqlalchemy.create_engine', 'a compiled LangGraph graph'. */
  what: string;
  /** The creation call. */
  evidence: Evidence;
  /** Who runs it: 'route POST /notes (handler create_note)', 'Celery task notes.summarize'. */
  entry: string;
  kind: 'route' | 'task';
  /** The plain function one call away from the handler or task that creates it (absent: the handler or task itself). */
  helper?: string;
  /** The handler's or task's call of that helper (or its `Depends(...)`). */
  via?: Evidence;
  /** The helper is a FastAPI `Depends(...)` dependency of the handler. */
  dependency?: boolean;
}

export interface RequestClients {
  perRequest: PerRequestClient[];
  /** Clients created once per process (module level, cached factory, stored singleton): pass evidence. */
  shared: Evidence[];
  /** Route handlers and task bodies examined. */
  entries: number;
}

/** long-task-in-request: a route that runs slow work inline (src/facts/requests/slow-work.ts). */
export interface SlowRoute {
  /** 'POST /api/reports' */
  route: string;
  /** The route registration. */
  evidence: Evidence;
  /** What is slow: 'an LLM chain (3 model calls)', 'outbound HTTP calls in a loop', 'PDF parsing'. */
  work: string[];
  /** The slow calls. */
  calls: Evidence[];
}

export interface SlowRequestWork {
  slow: SlowRoute[];
  /** Routes whose slow work is handed to a queue or background task, or streamed (pass evidence). */
  offloaded: Evidence[];
  /** Routes examined. */
  routes: number;
}

/** scheduled-cleanup-never-called: functions named for cleanup / retention (src/facts/requests/cleanup.ts). */
export interface CleanupFunction {
  name: string;
  /** The def line. */
  evidence: Evidence;
  /** Where it is called, scheduled or registered; null when nothing does. */
  wiredBy: Evidence | null;
  /** How it is wired: 'called', 'passed as a value', 'decorator', 'Celery beat schedule', 'platform cron'. */
  how?: string;
  /** Only test files call it. */
  testsOnly?: boolean;
}

/** retry-missing, circuit-breaker-missing: an outbound HTTP or LLM call and what guards it (src/facts/resilience/outbound.ts). */
export interface GuardedCall {
  kind: 'http' | 'llm';
  /** requests, httpx, fetch, axios, got… for HTTP; the provider for LLM calls. */
  client: string;
  evidence: Evidence;
  function: string;
  family: 'py' | 'node';
  /** A retry policy around the call (decorator, wrapper, adapter, client default); null: none found. */
  retry: Evidence | null;
  /** Why no retry applies, when the client has a default that does not cover this call (got POST). */
  noRetry?: string;
  /** A circuit breaker around the call; null: none found. */
  breaker: Evidence | null;
}

export interface OutboundGuards {
  calls: GuardedCall[];
  /** Circuit breakers the code builds or defines (libraries or a *CircuitBreaker* class). */
  breakers: Evidence[];
}

/** redis-timeouts-missing: a Redis client or pool the code builds (src/facts/resilience/redis.ts). */
export interface RedisClientFact {
  library: 'redis-py' | 'ioredis' | 'node-redis';
  family: 'py' | 'node';
  evidence: Evidence;
  /** The options that bound it (socket_timeout, commandTimeout…), or a note that they cannot be read. */
  timeouts: Evidence[];
  /** Why commands or connects are unbounded; null when bounded (or cannot be ruled out). */
  missing: string | null;
}

/** operation-timeout-missing: a long multi-step workflow run (agent, graph, fan-out of LLM calls) (src/facts/resilience/long-ops.ts). */
export interface LongOperation {
  /** 'LangGraph graph.ainvoke', 'OpenAI Agents Runner.run', 'asyncio.gather over LLM calls'… */
  what: string;
  evidence: Evidence;
  function: string;
  family: 'py' | 'node';
  /** What bounds the whole run (wait_for, asyncio.timeout, AbortSignal.timeout, max_execution_time…); null: nothing. */
  timeout: Evidence | null;
}

/** llm-concurrency-unbounded: LLM calls fanned out over a collection (src/facts/resilience/fanout.ts). */
export interface LlmFanout {
  /** The gather / Promise.all call. */
  evidence: Evidence;
  /** The LLM call the fanned-out function makes. */
  llmCall: Evidence;
  function: string;
  family: 'py' | 'node';
  /** A concurrency bound (semaphore, p-limit, batches); null: none found. */
  limit: Evidence | null;
}
