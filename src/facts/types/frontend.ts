/** Front-end facts (src/facts/frontend/) and the test-to-module map (src/facts/config/test-coverage-map.ts). Part of the FactMap contract (src/facts/fact-map.ts re-exports it). */
import type { Evidence } from '../../core/evidence.js';

/**
 * A React / Next.js / Vite front end: a service whose package.json declares `react`, `next` or
 * `vite` and that renders a React root (`createRoot(…).render`, `ReactDOM.render`) or is a Next.js app.
 */
export interface FrontendApp {
  /** Service root dir ('' = repository root). */
  service: string;
  /** What the manifest declares, among 'react', 'nextjs', 'vite'. */
  frameworks: ('react' | 'nextjs' | 'vite')[];
  /** The service's package.json (line 0 evidence: the whole manifest). */
  manifest: Evidence;
  /**
   * Where the app starts, and where app-wide fixes go: `createRoot(el).render(…)`, `hydrateRoot`,
   * `ReactDOM.render`, or the Next.js root layout (`app/layout.tsx`) / `pages/_app.tsx` (line 0).
   */
  roots: Evidence[];
  /** Parsed application code files of the service (paths). */
  files: string[];
  /** Error boundaries: class components with componentDidCatch / getDerivedStateFromError, `<…ErrorBoundary>`, `withErrorBoundary(…)`, router `errorComponent`/`errorElement`, Next.js `error.tsx`/`global-error.tsx`. */
  errorBoundaries: Evidence[];
  /** `<button>`, `<Button>`, `<IconButton>`, `role="button"` elements showing only icons, with no accessible name. */
  unlabelledIconButtons: Evidence[];
  /** The same kind of icon-only buttons that do carry a name (aria-label, aria-labelledby, title, img alt). */
  labelledIconButtons: Evidence[];
  /** Absolute API base URL literals (a dev host in a request, or the value of an API base setting). */
  hardcodedApiUrls: { url: string; evidence: Evidence }[];
  /** API base URLs read from build-time configuration (`import.meta.env.VITE_*`, `process.env.NEXT_PUBLIC_*`), with or without a dev default. */
  configuredApiUrls: Evidence[];
  /** Requests the client makes: fetch, axios, ky, react-query / SWR / RTK Query hooks in browser code (first few). */
  apiCalls: Evidence[];
  /** Online/offline handling: navigator.onLine, 'online'/'offline' listeners, a service worker / PWA plugin, react-query onlineManager / networkMode, RTK Query setupListeners, network-state hooks. */
  offlineHandling: Evidence[];
}

/** tests-thin: how many test files there are for how many application modules, and which critical modules no test names or imports. */
export interface TestCoverageMap {
  /** Test files (test_*.py, *_test.py, tests.py, *.test.*, *.spec.*, JS/TS files of test folders that are not helpers) outside front-end services. */
  testFiles: string[];
  /** Application modules counted (app-role code of at least MIN_MODULE_LINES lines, outside front-end services). */
  appModules: string[];
  /** Critical modules (auth, login, payments, billing, stripe, workers, tasks, jobs, webhooks) and the test that names or imports each, if any. */
  critical: { path: string; topic: string; testedBy: string | null }[];
}
