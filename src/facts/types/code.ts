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
