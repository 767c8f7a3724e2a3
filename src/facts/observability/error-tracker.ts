/**
 * 'error-tracker' markers: an error tracking SDK is initialised (Sentry, Rollbar, Bugsnag,
 * Honeybadger, Airbrake, and APM agents that report exceptions: New Relic, Datadog, Elastic, AppSignal). The init call is the evidence; a file that only imports the SDK
 * is weaker evidence (noted as such), and a declared dependency with no code at all is the last
 * resort. Django projects may wire trackers by middleware path in MIDDLEWARE, which also counts.
 */
import type { FactMap, Marker } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { depMarkers, libMarkers, type DepSpec, type LibSpec, type Scanned } from './scan.js';
import { APM_AGENTS, APM_DEPS } from './apm.js';

const LIBS: LibSpec[] = [
  { detail: 'sentry', lang: 'python', modules: ['sentry_sdk'], calls: ['sentry_sdk.init', 'init'], importCredits: true },
  { detail: 'rollbar', lang: 'python', modules: ['rollbar'], calls: ['rollbar.init', 'init'], importCredits: true },
  { detail: 'bugsnag', lang: 'python', modules: ['bugsnag'], calls: ['bugsnag.configure', 'configure'], importCredits: true },
  { detail: 'honeybadger', lang: 'python', modules: ['honeybadger'], calls: ['honeybadger.configure', 'FlaskHoneybadger'], importCredits: true },
  { detail: 'airbrake', lang: 'python', modules: ['pybrake'], calls: ['pybrake.Notifier', 'Notifier'], importCredits: true },
  { detail: 'newrelic', lang: 'python', modules: ['newrelic'], calls: ['newrelic.agent.initialize', 'initialize'], importCredits: true },
  { detail: 'sentry', lang: 'node', modules: ['@sentry/'], calls: ['Sentry.init', 'init'], importCredits: true },
  { detail: 'rollbar', lang: 'node', modules: ['rollbar'], calls: ['Rollbar', 'rollbar.init'], importCredits: true },
  { detail: 'bugsnag', lang: 'node', modules: ['@bugsnag/js', '@bugsnag/node', '@bugsnag/browser', '@bugsnag/expo'], calls: ['Bugsnag.start'], importCredits: true },
  { detail: 'honeybadger', lang: 'node', modules: ['@honeybadger-io/js', '@honeybadger-io/react'], calls: ['Honeybadger.configure'], importCredits: true },
  { detail: 'airbrake', lang: 'node', modules: ['@airbrake/node', '@airbrake/browser'], calls: ['Notifier'], importCredits: true },
  // `require('newrelic')` as the first line of the entry is how the Node agent starts.
  { detail: 'newrelic', lang: 'node', modules: ['newrelic'], importCredits: true },
  ...APM_AGENTS,
];

const DEPS: DepSpec[] = [
  { detail: 'sentry', names: ['sentry-sdk', 'raven'], prefixes: ['@sentry/'], except: ['@sentry/cli', '@sentry/webpack-plugin', '@sentry/vite-plugin', '@sentry/esbuild-plugin', '@sentry/rollup-plugin', '@sentry/types', '@sentry/utils'] },
  { detail: 'rollbar', names: ['rollbar'] },
  { detail: 'bugsnag', names: ['bugsnag', '@bugsnag/js', '@bugsnag/node', '@bugsnag/browser'] },
  { detail: 'honeybadger', names: ['honeybadger', '@honeybadger-io/js'] },
  { detail: 'airbrake', names: ['pybrake', '@airbrake/node', '@airbrake/browser'] },
  { detail: 'newrelic', names: ['newrelic'] },
  ...APM_DEPS,
];

/** Django MIDDLEWARE entries of trackers that are configured from settings. */
const DJANGO_MIDDLEWARE: [RegExp, string][] = [
  [/^rollbar\./, 'rollbar'],
  [/^bugsnag\./, 'bugsnag'],
  [/^honeybadger\./, 'honeybadger'],
];

export function errorTrackerMarkers(repo: RepoContext, facts: FactMap, files: readonly Scanned[]): Marker[] {
  // A file with the init call wins over files that only import the SDK (Sentry.captureException in a handler).
  const fromLibs = libMarkers(repo, files, 'error-tracker', LIBS);
  const out: Marker[] = [];
  for (const s of files) {
    if (!s.python) continue;
    for (const a of s.model.assignments) {
      if (a.scope !== 'module' || (a.target !== 'MIDDLEWARE' && a.target !== 'MIDDLEWARE_CLASSES')) continue;
      for (const item of a.value.items ?? []) {
        const hit = DJANGO_MIDDLEWARE.find(([re]) => re.test(item.value ?? ''));
        if (hit) out.push({ kind: 'error-tracker', detail: hit[1], evidence: repo.ev(s.file.path, item.line), scope: 'app' });
      }
    }
  }
  const code = [...fromLibs, ...out];
  return [...code, ...depMarkers(repo, facts, 'error-tracker', DEPS, code)];
}
