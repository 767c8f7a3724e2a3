import { defineRule, fail, notApplicable, pass, plural } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'offline-unhandled',
    area: 'frontend',
    severity: 'info',
    title: 'The client handles going offline',
    failureTitle: 'No online/offline handling in the client',
    why: 'Mobile and train users lose the network all the time. A client that never checks `navigator.onLine` or listens for `offline` shows spinners forever or generic "something went wrong" errors, and may drop what the user typed. Telling the user they are offline, and retrying or queueing when the connection returns, avoids support tickets about "the app is broken".',
    fix: {
      default: 'Listen for the `online`/`offline` window events (or use a `useNetworkState`-style hook) to show an offline banner and pause or queue requests; with TanStack Query, its `onlineManager` and `networkMode` already pause and resume queries, so surface `onlineManager.isOnline()` in the UI. A service worker (vite-plugin-pwa, Workbox) can also serve cached data offline.',
    },
    examples: {
      good: "useEffect(() => {\n  const update = () => setOnline(navigator.onLine);\n  window.addEventListener('online', update);\n  window.addEventListener('offline', update);\n  return () => {\n    window.removeEventListener('online', update);\n    window.removeEventListener('offline', update);\n  };\n}, []);",
      lang: 'tsx',
    },
    effort: 'hours',
    appliesTo: ['fe'],
    needs: ['frontends'],
    confidence: 'medium',
  },
  check({ frontends }) {
    const interactive = frontends.filter((a) => a.apiCalls.length > 0);
    if (interactive.length === 0) return notApplicable('no front end making API calls');
    const missing = interactive.filter((a) => a.offlineHandling.length === 0);
    if (missing.length > 0) {
      return fail(
        missing.map((a) => ({
          message: `The client${a.service ? ` in ${a.service}/` : ''} makes API calls (${a.apiCalls[0].note ?? 'requests'}, …) but never checks whether it is online`,
          evidence: [a.roots[0] ?? a.manifest, ...a.apiCalls.slice(0, 3)],
        })),
      );
    }
    const found = interactive.flatMap((a) => a.offlineHandling);
    return pass(`${plural(found.length, 'piece')} of online/offline handling found`, found.slice(0, 5));
  },
});
