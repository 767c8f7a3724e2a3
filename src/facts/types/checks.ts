/** Facts added for the later check families: data, settings, security scans, workers, tooling. Part of the FactMap contract (src/facts/fact-map.ts re-exports it). */
import type { Evidence } from '../../core/evidence.js';
import type { Ecosystem, Framework, LlmProvider } from '../fact-map.js';

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

/** sync-db-in-async-app: a sync database engine / client that async request handlers use (src/facts/perf/sync-db.ts). */
export interface SyncDbUse {
  /** The async framework: 'fastapi', 'starlette', 'quart', 'sanic', 'aiohttp'. */
  framework: string;
  /** Where the sync engine / connection / client is created. */
  engine: Evidence;
  /** 'create_engine (psycopg2)', 'psycopg2.connect', 'pymongo.MongoClient', 'create_async_engine' … */
  driver: string;
  /** false: an async engine / driver (create_async_engine, asyncpg, motor, databases), listed as pass evidence. */
  sync: boolean;
  /** Where `async def` handlers use a sync one (a Depends parameter, a session or client call), note = the route. */
  uses: Evidence[];
}

/** n-plus-one: a query (or lazy relationship load) run once per row of a loop (src/facts/perf/n-plus-one.ts). */
export interface PerRowQuery {
  family: 'py' | 'node';
  kind: 'query' | 'relationship';
  /** The call / attribute access inside the loop; note = the loop line and what it iterates. */
  evidence: Evidence;
  what: string;
}

/** index-missing: ORM columns that lookups need an index for (src/facts/perf/indexes.ts). */
export interface IndexFacts {
  /** Foreign keys / filtered columns without an index; note = why it needs one. */
  missing: { family: 'py' | 'node'; orm: string; model: string; column: string; reason: 'foreign-key' | 'filter'; evidence: Evidence; filter?: Evidence }[];
  /** Foreign keys / filtered columns that are indexed (pass evidence). */
  indexed: Evidence[];
}

/** index-locking-migration: index creation in a migration (src/facts/perf/index-migrations.ts). */
export interface MigrationIndex {
  tool: 'alembic' | 'django';
  evidence: Evidence;
  table: string;
  /** CONCURRENTLY / postgresql_concurrently=True / AddIndexConcurrently. */
  concurrent: boolean;
  /** The same migration creates the table: a new, empty table takes no harmful lock. */
  newTable: boolean;
}

/** index-locking-migration: migrations that create indexes, and whether the project runs Postgres. */
export interface MigrationIndexFacts {
  /** Evidence of a Postgres driver / URL / Django engine; null when none is found. */
  postgres: Evidence | null;
  indexes: MigrationIndex[];
}

/** cache-missing: caching layers found, and GET routes that run aggregate queries (src/facts/perf/cache.ts). */
export interface CacheFacts {
  caches: { detail: string; evidence: Evidence }[];
  aggregateRoutes: { framework: Framework; method: string; path: string; route: Evidence; aggregate: Evidence }[];
}

/** static-cache-headers: static files served by the app, and the cache headers set on them (src/facts/perf/static-files.ts). */
export interface StaticServing {
  framework: Framework;
  /** The mount / middleware / module registration. */
  evidence: Evidence;
  /** 'StaticFiles', 'express.static', '@fastify/static', 'ServeStaticModule', 'send_from_directory', 'WhiteNoise' … */
  mechanism: string;
  /** Where cache headers are set for it; null when none are. */
  cacheHeaders: Evidence | null;
}
