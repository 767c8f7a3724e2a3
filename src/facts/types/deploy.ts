/** Facts drawn from configuration and deployment files: start commands, Dockerfiles, env, CI, docs, platforms. Part of the FactMap contract (src/facts/fact-map.ts re-exports it). */
import type { Evidence } from '../../core/evidence.js';

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
