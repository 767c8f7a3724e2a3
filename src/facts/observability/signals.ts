/**
 * The `opsSignals` fact: what the observability "quality" checks and retention-policy-missing read
 * (request logging, tracker DSNs, metrics exposure, tracing, log levels, error logs without
 * tracebacks, personal data and its cleanup). Each part has its own module in this folder.
 */
import type { FactMap, OpsSignals } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { scannedFiles } from './scan.js';
import { requestLoggingSignals } from './request-logging.js';
import { trackerInits } from './tracker-dsn.js';
import { metricDefinitions, metricExposures } from './metrics-exposure.js';
import { tracingSignals } from './tracing.js';
import { logLevelSites } from './log-levels.js';
import { exceptionLogs } from './exception-logs.js';
import { personalData, retentionJobs } from './retention.js';

export function collectOpsSignals(repo: RepoContext, facts: FactMap): OpsSignals {
  const files = scannedFiles(repo);
  const appFiles = files.filter((s) => s.file.role === 'app');
  // Retention jobs are often management commands or cron scripts: scripts count there.
  const withScripts = scannedFiles(repo, ['app', 'config', 'script']);
  return {
    requestLogging: requestLoggingSignals(repo, facts, files),
    trackerInits: trackerInits(repo, facts, appFiles),
    metricDefs: metricDefinitions(repo, files),
    metricExposures: metricExposures(repo, facts, files),
    tracing: tracingSignals(repo, facts, files),
    logLevels: logLevelSites(repo, facts, appFiles),
    exceptionLogs: exceptionLogs(repo, appFiles),
    personalData: personalData(repo, appFiles),
    retentionJobs: retentionJobs(repo, withScripts),
  };
}
