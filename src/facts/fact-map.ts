/**
 * The FactMap: the typed contract between extractors (which read code and configs) and rules
 * (which judge). Rules declare the keys they need and receive only those. Every fact carries the
 * Evidence that proves it. Facts are computed lazily, once per run (see collectors.ts).
 *
 * Change this file in one place, one person at a time: it is the shared contract.
 */
import type { Evidence } from '../core/evidence.js';
import type { StackTag } from '../core/types.js';
import type { Discovery, RepoFile, ServiceRoot } from '../discover/types.js';

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

export interface TaskDef {
  framework: 'celery' | 'rq' | 'dramatiq' | 'bullmq' | 'bull';
  name: string;
  evidence: Evidence;
  /** The task's own time limit (decorator option, worker option, timeout wrapper). */
  timeLimit: Evidence | null;
  /** Why the time limit cannot be judged (processor defined where it was not inspected); set only when timeLimit is null. */
  timeLimitUnknown?: string;
  /** Decorator keyword options as written (`acks_late` → `True`), Celery only; filled by tasks-celery.ts. */
  options?: Record<string, string>;
}

/** Worker processes, Celery settings and the queues tasks are sent to (runtime/workers.ts). */
export interface WorkerFacts {
  /** Celery worker settings from code/config modules, keyed by canonical name (acks_late, prefetch_multiplier, max_tasks_per_child, concurrency, reject_on_worker_lost, max_memory_per_child). */
  celerySettings: { key: string; value: string; evidence: Evidence }[];
  /** Where `Celery(...)` app objects are created (the anchor for missing settings). */
  celeryApps: Evidence[];
  /** Worker processes started by start commands / scripts (a beat-only process is not listed). */
  processes: WorkerProcess[];
  /** Queues tasks are sent to (`produce`: Celery `queue=` / task_routes / apply_async, BullMQ Queue.add, Bull add) and consumed from (BullMQ `new Worker`, Bull `.process`); queue null = a name not resolved to a literal. See runtime/queues.ts. */
  queueUses: QueueUse[];
  /** Where each task queue gets its broker connection (runtime/broker.ts). */
  brokers: BrokerSource[];
  /** Node code that forks server processes itself (imports `cluster` / `node:cluster` / `throng`), for server-workers. */
  clusterImports: Evidence[];
}

export interface BrokerSource {
  framework: 'celery' | 'bullmq' | 'bull';
  /** literal URL in code; env = read from the named variable; config = a settings object / config module not traced; missing = the library default (localhost). */
  kind: 'literal' | 'env' | 'config' | 'missing';
  env?: string;
  evidence: Evidence;
}

export interface QueueUse {
  framework: 'celery' | 'bullmq' | 'bull';
  queue: string | null;
  role: 'produce' | 'consume';
  evidence: Evidence;
  /** BullMQ Worker `concurrency` option as written. */
  concurrency?: { text: string; literal: boolean; evidence: Evidence };
}

/** A container that runs the application, and the memory limit it runs under (runtime/memory.ts). */
export interface MemoryTarget {
  kind: 'compose' | 'kubernetes' | 'fly';
  name: string;
  /** The service / container declaration. */
  evidence: Evidence;
  /** The limit (compose mem_limit / deploy.resources.limits.memory, k8s resources.limits.memory, fly [[vm]] memory or machine size). */
  limit: Evidence | null;
  production: boolean;
}

export interface WorkerProcess {
  framework: 'celery' | 'rq' | 'dramatiq';
  evidence: Evidence;
  production: boolean;
  /** Queues named with -Q / --queues, null = the default queue(s). */
  queues: string[] | null;
  /** The command-line flags as written, by canonical name (concurrency, max_tasks_per_child, prefetch_multiplier, max_memory_per_child). */
  flags: Record<string, string>;
}

export type StartSource =
  | 'dockerfile'
  | 'procfile'
  | 'railway'
  | 'fly'
  | 'render'
  | 'app-engine'
  | 'package.json'
  | 'compose'
  | 'script';

export interface StartCommand {
  source: StartSource;
  command: string;
  evidence: Evidence;
  /** False for files that only run in development (docker-compose.override.yml, Dockerfile.dev, "dev" scripts). */
  production: boolean;
  /** Process name where the source names it (Procfile `web:`, compose service, fly process). */
  process?: string;
  service: string;
  /** The start command or script line that runs this one; absent for a deployment's own declaration. */
  via?: Evidence;
}

export interface ShellScript {
  file: string;
  /** Executable lines (comments and blanks dropped), with 1-based line numbers and `if`/`case` nesting depth. */
  /** `evidence` (optional, filled by the extractor): the line as Evidence, for rules that cite a script line. */
  lines: { line: number; text: string; conditional: boolean; evidence?: Evidence }[];
  setE: Evidence | null;
  trap: Evidence | null;
  backgrounded: Evidence[];
  /** Run by a production start path (and not only from a conditional line); via = the command or line that runs it. */
  production?: boolean;
  via?: Evidence;
}

export interface DockerStage {
  image: string; // as written, ARGs unresolved
  tag: string | null;
  digest: string | null;
  name: string | null;
  evidence: Evidence;
  /** The last USER instruction in this stage. */
  user: Evidence | null;
  userName: string | null;
  /** The FROM reference with ARG defaults substituted (null: an ARG without default decides it at build time). */
  resolved?: { image: string; tag: string | null; digest: string | null } | null;
}

export interface DockerfileFact {
  file: string;
  /** Dockerfile.dev / .local / .test: not what production builds. */
  devOnly: boolean;
  stages: DockerStage[];
  healthcheck: Evidence | null;
  cmd: Evidence | null;
  instructions: { keyword: string; args: string; evidence: Evidence }[];
}

export interface EnvTemplate {
  file: string;
  vars: { name: string; evidence: Evidence }[];
}

export interface EnvRead {
  name: string;
  evidence: Evidence;
  hasDefault: boolean;
  /** os.getenv, os.environ, pydantic-settings, process.env, django-environ, … */
  via: string;
  secret: boolean;
}

export interface CiStep {
  name: string;
  run: string;
  evidence: Evidence;
  /** False when the step cannot fail the build: continue-on-error, `|| true`, allow_failure. */
  blocking: boolean;
  /** Action, reusable workflow or CI include the step delegates to, as written (`actions/setup-node@v4`). */
  uses?: string;
  /** The command runs a test suite (pytest, npm test, go test, …), recognised by the extractor. */
  runsTests?: boolean;
}

export interface CiJob {
  name: string;
  evidence: Evidence;
  steps: CiStep[];
  /** Events the job is limited to (GitLab rules/only, `if: github.event_name == …`); absent = the config's triggers. */
  triggers?: string[];
}

export interface CiConfig {
  system: 'github-actions' | 'gitlab-ci' | 'circleci' | 'other';
  file: string;
  /** Events that trigger it: push, pull_request, merge_request, schedule, … */
  triggers: string[];
  jobs: CiJob[];
}

export interface DocFile {
  file: string;
  headings: { depth: number; text: string; evidence: Evidence }[];
}

/** Operational topics documented in Markdown (headings first, then paragraphs / commands) or by file conventions, README setup, uptime-check configs (docs checks; config/doc-topics.ts). */
export interface DocTopics {
  /** READMEs GitHub shows for the repository (root, .github/, docs/), with their setup / run instructions. */
  readmes: { file: string; setup: Evidence[] }[];
  /** Setup guides outside the README (docs/installation.md, a "Getting started" heading in docs/ or CONTRIBUTING). */
  setupDocs: Evidence[];
  topics: Record<DocTopicKind, Evidence[]>;
}
export type DocTopicKind = 'rollback' | 'incident' | 'architecture' | 'monitoring' | 'security';

/** Evidence that a service versions its API: a /v1 mount or prefix, a route file under v1/, Nest versioning (api-versioning-missing; config/api-versions.ts). */
export interface ApiVersionSignal {
  service: string;
  evidence: Evidence;
}

export interface ParseError {
  path: string;
  message: string;
}

/** A deployment platform's config for one service (Railway, Fly, Render, App Engine, Heroku, compose …). See config/platform.ts. */
export interface PlatformConfig {
  platform: 'railway' | 'fly' | 'render' | 'app-engine' | 'heroku' | 'cloud-run' | 'compose' | 'vercel' | 'buildpack';
  file: string;
  /** Service name inside the file (compose / render service), when the file declares several. */
  name?: string;
  /** The file (line 0) or the service's declaration. */
  evidence: Evidence;
  /** Folder the service is built from (repository-relative, '' = root). */
  dir: string;
  /** How the platform builds it: a Dockerfile (path when known), a buildpack / native runtime, a prebuilt image; null = not stated. */
  build: { kind: 'dockerfile' | 'buildpack' | 'image'; evidence: Evidence; dockerfile?: string } | null;
  /** Serves HTTP (a web service); false for workers and cron jobs; undefined when the file does not say. */
  web?: boolean;
  healthcheck: Evidence | null;
  restart: Evidence | null;
  /** False for development files (docker-compose.override.yml, compose.dev.yaml). */
  production: boolean;
  /** Whether health checks of this file are judged by platform-healthcheck-missing (see platform.ts). */
  judged: boolean;
  /** Fixed ports the platform is told about (fly internal_port, PORT in the service's env). */
  ports: { port: number; evidence: Evidence }[];
  /** Variables the file sets for the service (compose `environment:`), for the env inventory. */
  environment?: { name: string; evidence: Evidence }[];
}

/** Evidence that a repository deploys to a platform (platform env vars read, deploy commands in docs or CI). */
export interface PlatformTarget {
  platform: 'railway' | 'fly' | 'render' | 'app-engine' | 'heroku' | 'cloud-run';
  evidence: Evidence;
  how: 'env read' | 'env template' | 'docs' | 'ci';
}

/** A pinned Python / Node version (.python-version, .nvmrc, engines, requires-python, Dockerfile base tag …). */
export interface RuntimePin {
  language: 'python' | 'node';
  value: string;
  /** Folder the pin applies to (the pinning file's folder). */
  dir: string;
  source: string;
  evidence: Evidence;
}

/** A server bind: the port a server listens on, from code (`app.listen(3000)`) or a start command (`--bind 0.0.0.0:8000`). */
export interface ListenPort {
  /** The literal port, null when it comes from configuration ($PORT, process.env.PORT, settings). */
  port: number | null;
  /** The port expression as written. */
  expression: string;
  evidence: Evidence;
  source: 'code' | 'command';
  service: string;
}

/** One Alembic revision or Django migration, as a node of its history (data checks). */
export interface MigrationNode {
  /** Alembic revision id, or Django migration name. */
  id: string;
  /** down_revision(s), or same-app dependencies. */
  parents: string[];
  /** The parents are computed (not literals) and cannot be followed. */
  unresolved?: boolean;
  /** The `revision = …` line, or the `class Migration` line. */
  evidence: Evidence;
  /** The `down_revision` / `dependencies` line. */
  parentEvidence?: Evidence;
  /** Alembic only: the `downgrade()` function, and whether it (and `upgrade()`) only pass. */
  downgrade?: { evidence: Evidence; empty: boolean; upgradeEmpty: boolean } | null;
}

/** A migration history: one Alembic tree (its versions folders) or one Django app. */
export interface MigrationGraph {
  tool: 'alembic' | 'django';
  dir: string;
  app?: string;
  nodes: MigrationNode[];
  heads: { id: string; evidence: Evidence }[];
  /** Heads grouped by shared history: a group of two or more is a fork that needs a merge. */
  headGroups: string[][];
  broken: { node: string; missing: string; evidence: Evidence }[];
  duplicates: { id: string; evidence: Evidence[] }[];
}

/** Where migrations are applied: production start path, a development path only, a CI deploy job, or app code at startup. */
export interface MigrationRun {
  command: string;
  evidence: Evidence;
  via?: Evidence;
  where: 'start' | 'dev' | 'ci' | 'code';
}

/** A database password or credentialed database URL written into committed code or config. */
export interface DbCredential {
  kind: 'url' | 'password';
  /** URL scheme, or the setting / client that receives the password. */
  scheme: string;
  /** Snippet redacted. */
  evidence: Evidence;
}

export interface FileStore {
  kind: 'sqlite' | 'uploads';
  what: string;
  evidence: Evidence;
  service: string;
}

export interface StorageDeploy {
  source: 'dockerfile' | 'fly' | 'render' | 'railway';
  evidence: Evidence;
  service: string;
}

export interface StorageVolume {
  source: 'compose' | 'fly' | 'render' | 'dockerfile';
  target: string;
  evidence: Evidence;
  service: string;
}

/** Data kept on local disk, where the app is deployed, and the volumes declared for it. */
export interface StorageFacts {
  stores: FileStore[];
  deploys: StorageDeploy[];
  volumes: StorageVolume[];
}

export interface SettingDefault {
  name: string;
  value: string;
  via: string;
  service: string;
  evidence: Evidence;
}

/** Typed settings objects, notions of environment, and literal env defaults (config checks). */
export interface SettingsFacts {
  schemas: { kind: string; evidence: Evidence }[];
  environments: { kind: string; evidence: Evidence }[];
  defaults: SettingDefault[];
}

/** A production Dockerfile as an image build, read for the docker-* checks (see config/docker-images.ts). */
export interface DockerImage {
  file: string;
  /** Why this Dockerfile is not what production runs (a platform config builds its folder another way), null when it is. */
  notBuilt: string | null;
  stageCount: number;
  finalStage: Evidence;
  /** Dependency installs (`manifest`: reads the project's manifest: pip install -r, npm ci, poetry install) and build steps, by stage index. */
  installs: { stage: number; evidence: Evidence; manifest: boolean }[];
  builds: { stage: number; evidence: Evidence }[];
  /** `COPY . .` / `ADD . /app`: the whole build context copied, by stage index. */
  contextCopies: { stage: number; evidence: Evidence }[];
  /** Compilers, -dev headers and devDependencies left in the final image. */
  buildTools: { evidence: Evidence; what: string }[];
  /** The .dockerignore that applies to its build context, null when none was found. */
  dockerignore: Evidence | null;
  /** A database / broker image (postgres, redis…): not application code. */
  serviceImage: boolean;
}

/** Observability and retention signals read by request-logging-missing, error-tracking-unconfigured, metrics-not-exposed, tracing-missing, log-level-hardcoded, exception-logged-without-trace, retention-policy-missing (src/facts/observability/signals.ts). */
export interface OpsSignals {
  /** Per-request access logging in place (middleware, server access log), per location. */
  requestLogging: { detail: string; evidence: Evidence; service: string }[];
  /** Tracker init calls and how their DSN / key is supplied. */
  trackerInits: { detail: string; evidence: Evidence; dsn: 'literal' | 'env' | 'unknown'; envVar?: string; documented: boolean }[];
  /** Prometheus-style metric definitions, and what serves or pushes them. */
  metricDefs: { detail: string; evidence: Evidence; service: string }[];
  metricExposures: { detail: string; evidence: Evidence; service: string }[];
  /** Distributed tracing set-up. */
  tracing: { detail: string; evidence: Evidence; service: string }[];
  /** Where the application log level is set; configurable = read from env/config. */
  logLevels: { evidence: Evidence; configurable: boolean; service: string }[];
  /** Error logs inside except/catch that drop the traceback. */
  exceptionLogs: { evidence: Evidence }[];
  /** Stored personal / conversation data, and date-bounded cleanup or TTL. */
  personalData: { model: string; evidence: Evidence; writes: Evidence[]; service: string }[];
  retentionJobs: { detail: string; evidence: Evidence; service: string }[];
}

/** Security code scan (password hashing, JWT, shell, temp files, CSRF, login): unsafe uses and sound ones (pass evidence). */
export interface SecurityScan {
  issues: { evidence: Evidence; message: string; related?: Evidence[]; stack?: string }[];
  safe: Evidence[];
}

/** LLM failure handling and per-user usage accounting (calls/llm-usage.ts): llm-fallback-missing, llm-quota-missing. */
export interface LlmUsage {
  /** Text-generation calls, with what covers their failure (null: nothing does). */
  calls: { provider: LlmProvider; evidence: Evidence; service: string; fallback: Evidence | null }[];
  /** Routes reaching a paid model call, with the usage accounting on their path (null: none). */
  routes: { route: Evidence; method: string; path: string; framework: Framework; call: Evidence; accounting: Evidence | null }[];
}

/** A signing secret (SECRET_KEY, JWT / session secret) that falls back to a literal in code; guard = a production check refusing it (secret-key-default, security/secret-key.ts). */
export interface SigningSecret {
  name: string;
  /** The literal default or assignment (snippet redacted). */
  evidence: Evidence;
  service: string;
  guard: Evidence | null;
}

/** Interactive API docs (FastAPI, Swagger UI, drf-spectacular…); gate = why production does not serve them publicly, null when nothing does (api-docs-public, security/docs-exposure.ts). */
export interface ApiDocs {
  framework: Framework;
  what: string;
  evidence: Evidence;
  gate: Evidence | null;
}

/** An allowed-hosts restriction: TrustedHostMiddleware, Django ALLOWED_HOSTS, Flask TRUSTED_HOSTS; hosts null when from configuration (trusted-host-missing, security/hosts.ts). */
export interface AllowedHosts {
  framework: Framework;
  evidence: Evidence;
  service: string;
  hosts: string[] | null;
  allowsAny: boolean;
}

/** A dependency manifest and its lockfile (lockfile-missing, deps-unpinned; config/lockfiles.ts). */
export interface ManifestLock {
  manifest: string;
  ecosystem: Ecosystem;
  dependencyCount: number;
  /** The lockfile (same folder or a workspace ancestor), or a fully pinned / compiled requirements file; null when none. */
  lock: Evidence | null;
  /** Declarations with open ranges (no version, `*`, `latest`, `>=` with no upper bound), note = why. */
  openSpecs: Evidence[];
}

/** Test tooling found in manifests, configs and CI (coverage-unmeasured, load-test-missing, e2e-missing, ci-tests-nonblocking; config/test-tooling.ts). */
export interface TestTooling {
  coverage: Evidence[];
  /** Test-runner configs that may set coverage but are not read (jest.config.js is not parsed). */
  unreadConfigs: string[];
  loadTests: Evidence[];
  e2e: Evidence[];
  /** CI steps that deploy a release (flyctl deploy, railway up, kubectl apply…), and post-deploy checks after them. */
  deploys: Evidence[];
  smoke: Evidence[];
  /** CI steps that run a type checker (tsc, mypy, pyright, `npm run typecheck`). */
  ciTypeChecks: { evidence: Evidence; blocking: boolean }[];
}

/** TypeScript / Next.js settings that weaken type checking, and strict configs (typecheck-disabled; config/typecheck.ts). */
export interface TypeCheckFacts {
  weakened: { what: string; evidence: Evidence }[];
  strict: Evidence[];
  /** mypy / pyright / pytype configured or run anywhere in the repository. */
  pythonCheckers: Evidence[];
  /** Python services whose functions mostly annotate their parameters; anchor = the service manifest. */
  typedPython: { service: string; annotated: number; total: number; anchor: Evidence }[];
}

export interface FactMap {
  discovery: Discovery;
  files: RepoFile[];
  services: ServiceRoot[];
  stacks: DetectedStack[];
  dependencies: Dependency[];
  appEntries: AppEntry[];
  routes: Route[];
  corsPolicies: CorsPolicy[];
  markers: Marker[];
  httpCalls: HttpCall[];
  llmClients: LlmClient[];
  llmCalls: LlmCall[];
  secrets: SecretFact[];
  envFiles: EnvFileFact[];
  debugSettings: DebugSetting[];
  errorLeaks: ErrorLeak[];
  sqlCalls: SqlCall[];
  blockingCalls: BlockingCall[];
  dbEngines: DbEngine[];
  sqliteUses: SqliteUse[];
  logCalls: LogCall[];
  tasks: TaskDef[];
  startCommands: StartCommand[];
  startScripts: ShellScript[];
  dockerfiles: DockerfileFact[];
  envTemplates: EnvTemplate[];
  envReads: EnvRead[];
  ciConfigs: CiConfig[];
  docs: DocFile[];
  platformConfigs: PlatformConfig[];
  platformTargets: PlatformTarget[];
  runtimePins: RuntimePin[];
  listenPorts: ListenPort[];
  dockerImages: DockerImage[];
  migrationGraphs: MigrationGraph[]; // data checks: Alembic / Django histories
  migrationRuns: MigrationRun[]; // data checks: where migrations are applied
  dbCredentials: DbCredential[]; // db-credentials-hardcoded
  storage: StorageFacts; // ephemeral-storage
  settings: SettingsFacts; // config-unvalidated, config-inconsistent, env-separation-missing
  passwordHashing: SecurityScan; // password-hashing-weak
  unsafeCompares: SecurityScan; // timing-unsafe-compare
  jwtUses: SecurityScan; // jwt-unsafe
  shellCommands: SecurityScan; // shell-injection
  tempFiles: SecurityScan; // temp-file-unsafe
  csrf: SecurityScan; // csrf-missing (safe empty and no issues: no cookie-based auth)
  loginResponses: SecurityScan; // login-user-enumeration
  opsSignals: OpsSignals; // observability + retention-policy-missing (observability/signals.ts)
  inputValidation: SecurityScan; // input-validation-missing (security/input-validation.ts)
  bodyLimits: SecurityScan; // request-size-unbounded (security/body-limits.ts)
  llmUsage: LlmUsage; // llm-fallback-missing, llm-quota-missing (calls/llm-usage.ts)
  signingSecrets: SigningSecret[]; // secret-key-default (security/secret-key.ts)
  apiDocs: ApiDocs[]; // api-docs-public (security/docs-exposure.ts)
  allowedHosts: AllowedHosts[]; // trusted-host-missing (security/hosts.ts)
  manifestLocks: ManifestLock[]; // lockfile-missing, deps-unpinned (config/lockfiles.ts)
  testTooling: TestTooling; // coverage-unmeasured, load-test-missing, e2e-missing, ci-tests-nonblocking (config/test-tooling.ts)
  typeChecks: TypeCheckFacts; // typecheck-disabled (config/typecheck.ts)
  docTopics: DocTopics; // docs checks (config/doc-topics.ts)
  apiVersionSignals: ApiVersionSignal[]; // api-versioning-missing (config/api-versions.ts)
  workers: WorkerFacts; // worker-* checks, task-acks-late-missing (runtime/workers.ts)
  memoryLimits: MemoryTarget[]; // memory-limits-missing (runtime/memory.ts)
}

export type FactKey = keyof FactMap;
