/**
 * The FactMap: the typed contract between extractors (which read code and configs) and rules
 * (which judge). Rules declare the keys they need and receive only those. Every fact carries the
 * Evidence that proves it. Facts are computed lazily, once per run (see collectors.ts).
 *
 * Change this file in one place, one person at a time: it is the shared contract.
 */
import type { HealthStatusFact, ModuleStateFact, ProcessErrorHandling, SwallowedException } from './types/code.js';
import type { CleanupFunction, RequestClients, SlowRequestWork } from './types/code.js';
import type { LlmFanout, LongOperation, OutboundGuards, RedisClientFact } from './types/code.js';
import type { AppEntry, BlockingCall, CorsPolicy, DbEngine, DebugSetting, Dependency, DetectedStack, EnvFileFact, ErrorLeak, HttpCall, LlmCall, LlmClient, LogCall, Marker, Route, SecretFact, SqlCall, SqliteUse } from './types/code.js';
import type { ApiVersionSignal, CiConfig, DocFile, DocTopics, DockerfileFact, EnvRead, EnvTemplate, MemoryTarget, PlatformConfig, ShellScript, StartCommand, TaskDef, WorkerFacts } from './types/deploy.js';
import type { AllowedHosts, ApiDocs, DbCredential, DockerImage, ListenPort, LlmUsage, ManifestLock, MigrationGraph, MigrationRun, OpsSignals, PlatformTarget, RuntimePin, SecurityScan, SettingsFacts, SigningSecret, StorageFacts, TestTooling, TypeCheckFacts } from './types/checks.js';
import type { CacheFacts, IndexFacts, MigrationIndexFacts, PerRowQuery, StaticServing, SyncDbUse } from './types/checks.js';
import type { FrontendApp, TestCoverageMap } from './types/frontend.js';
import type { Discovery, RepoFile, ServiceRoot } from '../discover/types.js';

export type * from './types/code.js';
export type * from './types/deploy.js';
export type * from './types/checks.js';
export type * from './types/frontend.js';

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
  swallowedExceptions: SwallowedException[]; // exception-swallowed (process/swallowed.ts)
  processErrorHandling: ProcessErrorHandling[]; // unhandled-rejection (process/process-errors.ts)
  healthStatuses: HealthStatusFact[]; // health-status-always-ok (process/health-status.ts)
  moduleStates: ModuleStateFact[]; // in-process-state (process/module-state.ts)
  frontends: FrontendApp[]; // error-boundary-missing, a11y-icon-buttons, api-url-hardcoded, offline-unhandled (frontend/index.ts)
  testCoverageMap: TestCoverageMap; // tests-thin (config/test-coverage-map.ts)
  requestClients: RequestClients; // client-per-request (requests/clients.ts)
  slowRequestWork: SlowRequestWork; // long-task-in-request (requests/slow-work.ts)
  cleanupFunctions: CleanupFunction[]; // scheduled-cleanup-never-called (requests/cleanup.ts)
  syncDbUses: SyncDbUse[]; // sync-db-in-async-app (perf/sync-db.ts)
  perRowQueries: PerRowQuery[]; // n-plus-one (perf/n-plus-one.ts)
  indexes: IndexFacts; // index-missing (perf/indexes.ts)
  migrationIndexes: MigrationIndexFacts; // index-locking-migration (perf/index-migrations.ts)
  caching: CacheFacts; // cache-missing (perf/cache.ts)
  staticServing: StaticServing[]; // static-cache-headers (perf/static-files.ts)
  outboundGuards: OutboundGuards; // retry-missing, circuit-breaker-missing (resilience/outbound.ts)
  redisClients: RedisClientFact[]; // redis-timeouts-missing (resilience/redis.ts)
  llmFanouts: LlmFanout[]; // llm-concurrency-unbounded (resilience/fanout.ts)
  longOperations: LongOperation[]; // operation-timeout-missing (resilience/long-ops.ts)
}

export type FactKey = keyof FactMap;
