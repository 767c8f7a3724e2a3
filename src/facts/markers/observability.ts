/**
 * Observability markers: logging set-up and structured logging, request ids, error trackers, metrics,
 * and app-wide exception handlers. Each kind has its own extractor in src/facts/observability/.
 * Markers come from application and code-like configuration files (never tests or scripts), and a
 * declared dependency is only a fallback when no code shows the library.
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { scannedFiles } from '../observability/scan.js';
import { loggingMarkers } from '../observability/logging.js';
import { requestIdMarkers } from '../observability/request-id.js';
import { errorTrackerMarkers } from '../observability/error-tracker.js';
import { metricsMarkers } from '../observability/metrics.js';
import { exceptionHandlerMarkers } from '../observability/exception-handlers.js';

export function observabilityMarkers(repo: RepoContext, facts: FactMap): Marker[] {
  const files = scannedFiles(repo);
  return [
    ...loggingMarkers(repo, facts, files),
    ...requestIdMarkers(repo, facts, files),
    ...errorTrackerMarkers(repo, facts, files),
    ...metricsMarkers(repo, facts, files),
    ...exceptionHandlerMarkers(repo, files.filter((s) => s.file.role === 'app')),
  ];
}
