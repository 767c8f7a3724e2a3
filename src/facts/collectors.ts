/**
 * Which function computes which fact. The FactMap handed to rules is lazy: a fact is computed the
 * first time a rule (or another collector) asks for it, then memoised for the run.
 * A collector that throws makes every rule needing that fact report `error`, never a silent pass.
 */
import type { FactKey, FactMap } from './fact-map.js';
import type { RepoContext } from './repo.js';
import { collectUnsafeCompares } from './security/compares.js';
import { collectAppEntries } from '../stacks/app-entries.js';
import { collectDependencies } from '../stacks/dependencies.js';
import { detectStacks } from '../stacks/detect.js';
import { collectRoutes } from './routes/index.js';
import { collectCorsPolicies } from './security/cors.js';
import { collectSecrets } from './security/secrets.js';
import { collectEnvFiles } from './security/env-files.js';
import { collectDebugSettings } from './security/debug.js';
import { collectErrorLeaks } from './security/error-leaks.js';
import { collectSqlCalls } from './security/sql.js';
import { collectPasswordHashing } from './security/passwords.js';
import { collectJwtUses } from './security/jwt.js';
import { collectShellCommands } from './security/shell.js';
import { collectTempFiles } from './security/temp-files.js';
import { collectCsrf } from './security/csrf.js';
import { collectLoginResponses } from './security/login.js';
import { collectMarkers } from './markers/index.js';
import { collectHttpCalls } from './calls/http.js';
import { collectLlmClients, collectLlmCalls } from './calls/llm.js';
import { collectLlmUsage } from './calls/llm-usage.js';
import { collectInputValidation } from './security/input-validation.js';
import { collectBodyLimits } from './security/body-limits.js';
import { collectBlockingCalls } from './runtime/blocking.js';
import { collectDbEngines, collectSqliteUses } from './runtime/database.js';
import { collectTasks } from './runtime/tasks.js';
import { collectStartCommands, collectStartScripts } from './deploy/start.js';
import { collectLogCalls } from './observability/log-calls.js';
import { collectDockerfiles } from './config/dockerfiles.js';
import { collectEnvTemplates } from './config/env-templates.js';
import { collectEnvReads } from './config/env-reads.js';
import { collectCiConfigs } from './config/ci.js';
import { collectDocs } from './config/docs.js';
import { collectDocTopics } from './config/doc-topics.js';
import { collectApiVersionSignals } from './config/api-versions.js';
import { collectPlatformConfigs } from './config/platform.js';
import { collectPlatformTargets } from './config/platform-targets.js';
import { collectRuntimePins } from './config/runtime-versions.js';
import { collectListenPorts } from './deploy/listen.js';
import { collectDockerImages } from './config/docker-images.js';
import { collectMigrationGraphs } from './data/alembic-graph.js';
import { collectMigrationRuns } from './data/migration-runs.js';
import { collectDbCredentials } from './data/db-credentials.js';
import { collectStorage } from './data/storage.js';
import { collectSettings } from './config/settings.js';
import { collectSigningSecrets } from './security/secret-key.js';
import { collectApiDocs } from './security/docs-exposure.js';
import { collectAllowedHosts } from './security/hosts.js';
import { collectOpsSignals } from './observability/signals.js';
import { collectManifestLocks } from './config/lockfiles.js';
import { collectTestTooling } from './config/test-tooling.js';
import { collectTypeChecks } from './config/typecheck.js';
import { collectWorkers } from './runtime/workers.js';
import { collectMemoryLimits } from './runtime/memory.js';
import { collectSwallowedExceptions } from './process/swallowed.js';
import { collectProcessErrorHandling } from './process/process-errors.js';
import { collectHealthStatuses } from './process/health-status.js';
import { collectModuleStates } from './process/module-state.js';
import { collectSyncDbUses } from './perf/sync-db.js';
import { collectPerRowQueries } from './perf/n-plus-one.js';
import { collectIndexes } from './perf/indexes.js';
import { collectMigrationIndexes } from './perf/index-migrations.js';
import { collectCaching } from './perf/cache.js';
import { collectStaticServing } from './perf/static-files.js';
import { collectOutboundGuards } from './resilience/outbound.js';
import { collectRedisClients } from './resilience/redis.js';
import { collectLlmFanouts } from './resilience/fanout.js';
import { collectLongOperations } from './resilience/long-ops.js';
import { collectRequestClients } from './requests/clients.js';
import { collectSlowRequestWork } from './requests/slow-work.js';
import { collectCleanupFunctions } from './requests/cleanup.js';
import { collectFrontends } from './frontend/index.js';
import { collectTestCoverageMap } from './config/test-coverage-map.js';

export type Collector<K extends FactKey> = (repo: RepoContext, facts: FactMap) => FactMap[K];

const COLLECTORS: { [K in FactKey]: Collector<K> } = {
  discovery: (repo) => repo.discovery,
  files: (repo) => repo.discovery.files,
  services: (repo) => repo.discovery.services,
  stacks: detectStacks,
  dependencies: collectDependencies,
  appEntries: collectAppEntries,
  routes: collectRoutes,
  corsPolicies: collectCorsPolicies,
  markers: collectMarkers,
  httpCalls: collectHttpCalls,
  llmClients: collectLlmClients,
  llmCalls: collectLlmCalls,
  secrets: collectSecrets,
  envFiles: collectEnvFiles,
  debugSettings: collectDebugSettings,
  errorLeaks: collectErrorLeaks,
  sqlCalls: collectSqlCalls,
  passwordHashing: collectPasswordHashing,
  unsafeCompares: collectUnsafeCompares,
  jwtUses: collectJwtUses,
  shellCommands: collectShellCommands,
  tempFiles: collectTempFiles,
  csrf: collectCsrf,
  loginResponses: collectLoginResponses,
  blockingCalls: collectBlockingCalls,
  dbEngines: collectDbEngines,
  sqliteUses: collectSqliteUses,
  logCalls: collectLogCalls,
  tasks: collectTasks,
  startCommands: collectStartCommands,
  startScripts: collectStartScripts,
  dockerfiles: collectDockerfiles,
  envTemplates: collectEnvTemplates,
  envReads: collectEnvReads,
  ciConfigs: collectCiConfigs,
  docs: collectDocs,
  platformConfigs: collectPlatformConfigs,
  platformTargets: collectPlatformTargets,
  runtimePins: collectRuntimePins,
  listenPorts: collectListenPorts,
  dockerImages: collectDockerImages,
  migrationGraphs: collectMigrationGraphs,
  migrationRuns: collectMigrationRuns,
  dbCredentials: collectDbCredentials,
  storage: collectStorage,
  settings: collectSettings,
  opsSignals: collectOpsSignals,
  inputValidation: collectInputValidation,
  bodyLimits: collectBodyLimits,
  llmUsage: collectLlmUsage,
  signingSecrets: collectSigningSecrets,
  apiDocs: collectApiDocs,
  allowedHosts: collectAllowedHosts,
  docTopics: collectDocTopics,
  apiVersionSignals: collectApiVersionSignals,
  manifestLocks: collectManifestLocks,
  testTooling: collectTestTooling,
  typeChecks: collectTypeChecks,
  workers: collectWorkers,
  memoryLimits: collectMemoryLimits,
  swallowedExceptions: collectSwallowedExceptions,
  processErrorHandling: collectProcessErrorHandling,
  healthStatuses: collectHealthStatuses,
  moduleStates: collectModuleStates,
  syncDbUses: collectSyncDbUses,
  perRowQueries: collectPerRowQueries,
  indexes: collectIndexes,
  migrationIndexes: collectMigrationIndexes,
  caching: collectCaching,
  staticServing: collectStaticServing,
  outboundGuards: collectOutboundGuards,
  redisClients: collectRedisClients,
  llmFanouts: collectLlmFanouts,
  longOperations: collectLongOperations,
  requestClients: collectRequestClients,
  slowRequestWork: collectSlowRequestWork,
  cleanupFunctions: collectCleanupFunctions,
  frontends: collectFrontends,
  testCoverageMap: collectTestCoverageMap,
};

export class FactError extends Error {
  constructor(
    readonly fact: FactKey,
    cause: unknown,
  ) {
    super(`could not compute ${fact}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** `timer` (optional) is told when each collector starts and ends, for `--timing`. */
export function createFactMap(repo: RepoContext, timer?: { begin(key: string): void; end(): void }): FactMap {
  const memo = new Map<FactKey, unknown>();
  const failed = new Map<FactKey, FactError>();
  const facts = {} as FactMap;
  for (const key of Object.keys(COLLECTORS) as FactKey[]) {
    Object.defineProperty(facts, key, {
      enumerable: true,
      get() {
        if (memo.has(key)) return memo.get(key);
        const prior = failed.get(key);
        if (prior) throw prior;
        timer?.begin(`fact:${key}`);
        try {
          const value = (COLLECTORS[key] as Collector<typeof key>)(repo, facts);
          memo.set(key, value);
          return value;
        } catch (e) {
          const err = e instanceof FactError ? e : new FactError(key, e);
          failed.set(key, err);
          throw err;
        } finally {
          timer?.end();
        }
      },
    });
  }
  return facts;
}

export const FACT_KEYS = Object.keys(COLLECTORS) as FactKey[];
