/**
 * Whether an interactive client notices the network going away. API calls: fetch, axios, ky, SWR and
 * react-query and RTK Query hooks, in code that runs in the browser (see clientCall). Offline handling: a read of `navigator.onLine`, an `'online'`/`'offline'`
 * listener (or `window.ononline`), a service worker (`navigator.serviceWorker`, workbox, a PWA
 * plugin), react-query's `onlineManager` or `networkMode` option, RTK Query's `setupListeners`, a network-state hook
 * (`useNetworkState`, `useOnline`, `useOnlineStatus`, `useIsOnline`, `useNetwork`).
 */
import type { Evidence } from '../../core/evidence.js';
import type { Dependency } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import type { CodeModel } from '../code/model.js';
import { NEXT_SERVER_FILE, relativeTo, type AppShell } from './apps.js';

const API_CALL = /^(fetch|window\.fetch|axios(\.(get|post|put|patch|delete|head|request))?|ky(\.(get|post|put|patch|delete))?|\$fetch|ofetch|useSWR|useSWRMutation|useSWRInfinite|useQueries|useInfiniteQuery|useSuspenseQuery|fetchBaseQuery)$/;
/** react-query's useQuery / useMutation and RTK Query's generated hooks (`useGetProductsQuery`, `useLoginMutation`). */
const QUERY_HOOK = /^use([A-Z]\w*)?(Query|Mutation)$/;
/** RTK Query's `setupListeners(store.dispatch)` subscribes to the online/offline events (refetchOnReconnect). */
const LISTENER_SETUP = new Set(['setupListeners']);
const NETWORK_HOOK = /^use(NetworkState|NetworkStatus|Network|Online|OnlineStatus|IsOnline|Offline|IsOffline|Connectivity)$/;
const PWA_DEPENDENCY = /^(vite-plugin-pwa|next-pwa|@ducanh2912\/next-pwa|@serwist\/next|serwist|workbox-.+|@vite-pwa\/.+)$/;
const PWA_MODULE = /^(virtual:pwa-register(\/.*)?|workbox-.+|serwist|@serwist\/.+)$/;
const QUERY_MODULE = /^(@tanstack\/[a-z-]*query[a-z-]*|react-query)$/;
const API_CALLS_KEPT = 5;
const NEXT_PAGES = /^(src\/)?pages\//;
/** Pages Router data functions run on the server. */
const SERVER_DATA_FUNCTIONS = new Set(['getServerSideProps', 'getStaticProps', 'getStaticPaths', 'getInitialProps']);

/**
 * Where a request runs in the browser. In a Next.js app a component is a server component unless its
 * file says `'use client'`; Pages Router pages run in the browser too, except their data functions.
 */
function clientCall(m: CodeModel, fn: number, nextjs: boolean, path: string): boolean {
  if (!nextjs || m.directives.includes('use client')) return true;
  if (NEXT_SERVER_FILE.test(path) || !NEXT_PAGES.test(path)) return false;
  for (let f = fn; f >= 0; f = m.functions[f].parent) if (SERVER_DATA_FUNCTIONS.has(m.functions[f].name)) return false;
  return true;
}

export function collectOffline(repo: RepoContext, shell: AppShell, deps: readonly Dependency[]): { apiCalls: Evidence[]; offlineHandling: Evidence[] } {
  const apiCalls: Evidence[] = [];
  const handling: Evidence[] = [];
  for (const d of deps) if (PWA_DEPENDENCY.test(d.name) && d.evidence.file === shell.app.manifest.file) handling.push({ ...d.evidence, note: 'service worker / PWA plugin' });
  const nextjs = shell.app.frameworks.includes('nextjs');
  for (const m of shell.models) {
    const ev = (line: number, note: string) => handling.push(repo.ev(m.file, line, { note }));
    for (const n of m.notableMembers) ev(n.line, n.value);
    for (const i of m.imports) {
      if (PWA_MODULE.test(i.module)) ev(i.line, `imports ${i.module}`);
      else if (QUERY_MODULE.test(i.module) && i.names.includes('onlineManager')) ev(i.line, 'react-query onlineManager');
    }
    for (const a of m.assignments) if (/\.on(online|offline)$/.test(a.target)) ev(a.line, a.target);
    for (const c of m.calls) {
      if (c.name === 'addEventListener' && c.args[0]?.kind === 'string' && (c.args[0].value === 'online' || c.args[0].value === 'offline')) ev(c.line, `'${c.args[0].value}' listener`);
      else if (NETWORK_HOOK.test(c.name) || LISTENER_SETUP.has(c.name)) ev(c.line, `${c.callee}()`);
      else if ((API_CALL.test(c.callee) || QUERY_HOOK.test(c.callee)) && apiCalls.length < API_CALLS_KEPT && clientCall(m, c.fn, nextjs, relativeTo(shell.app.service, m.file))) apiCalls.push(repo.ev(m.file, c.line, { note: `${c.callee}()` }));
      for (const arg of c.args) networkMode(arg, (line) => ev(line, 'networkMode option'));
    }
  }
  return { apiCalls, offlineHandling: handling };
}

function networkMode(v: { entries?: { key: string; value: { line: number; entries?: unknown } }[] }, found: (line: number) => void): void {
  for (const e of v.entries ?? []) {
    if (e.key === 'networkMode') found(e.value.line);
    else networkMode(e.value as Parameters<typeof networkMode>[0], found);
  }
}
