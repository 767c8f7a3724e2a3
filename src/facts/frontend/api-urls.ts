/**
 * Absolute API base URLs written into front-end code, which then ship in the bundle: a build for
 * staging or production still calls the URL of the developer's machine (or the one environment it
 * names). Judged sources:
 * - the value of an API base setting: a variable or property named like one (`API_URL`,
 *   `apiBaseUrl`, `BACKEND_URL`, `OpenAPI.BASE`), a `baseURL` / `baseUrl` option passed to a call
 *   (axios.create, fetch clients' setConfig), an Apollo `uri`: any absolute http(s)/ws(s) URL there
 *   is the app's API. A plain `BASE_URL` / `baseUrl` variable may be the site's own URL (sitemaps,
 *   metadata), so it counts only when the URL looks like an API (dev host, `api.` host, `/api` path);
 * - the URL of a request (`fetch`, axios, ky, SWR, WebSocket, EventSource): only a development host
 *   (localhost, 127.0.0.1, 0.0.0.0, host.docker.internal), since other absolute URLs there are
 *   usually third-party APIs.
 * A literal that is only the fallback of a build-time variable (`import.meta.env.VITE_API_URL ??
 * "http://localhost:8000"`) is configuration with a dev default, and counts as configured. Links in
 * JSX (`href`), fonts and CDNs are never looked at, nor is Next.js server-only code (route handlers,
 * API routes, middleware, `'use server'` files): it ships in no bundle, and the base URLs there are
 * usually a provider's (`new OpenAI({ baseURL: "https://api.groq.com/openai/v1" })`).
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import { NEXT_SERVER_FILE, relativeTo, type AppShell } from './apps.js';

const BASE_NAMES = new Set(['apiurl', 'apibase', 'apibaseurl', 'apiroot', 'apihost', 'apiendpoint', 'apiserver', 'apiserverurl', 'baseapiurl', 'backendurl', 'backendapiurl', 'serverurl', 'apiprefix', 'graphqlurl', 'graphqlendpoint']);
/** Names that may hold the site's own URL (sitemaps, metadata) as well as an API's: judged only when the URL looks like an API. */
const GENERIC_NAMES = new Set(['baseurl']);
/** A dev host, an `api.` / `-api.` / `backend` host, or an `/api`, `/graphql`, `/v1` path. */
const API_LIKE = /^(https?|wss?):\/\/(([^/\s]*[.-])?(api|backend)[.-]|[^/\s]*\/(api|graphql|v\d+)(\/|$))/i;
const BASE_KEYS = new Set(['baseURL', 'baseUrl']);
const APOLLO = new Set(['ApolloClient', 'HttpLink', 'createHttpLink']);
const REQUEST_CALLEES = /^(fetch|window\.fetch|axios(\.(get|post|put|patch|delete|head|request))?|ky(\.(get|post|put|patch|delete))?|\$fetch|ofetch|useSWR|useSWRImmutable|WebSocket|EventSource)$/;
const DEV_HOST = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/i;
const ABSOLUTE = /^(https?|wss?):\/\/([^/\s:?#]+|\[[^\]]+\])/i;
const FROM_ENV = /\b(import\.meta\.env|process\.env)\b/;
/** Storybook stories and the CRA dev proxy: never part of the shipped bundle's API configuration. */
const SKIPPED_FILE = /\.stories\.[cm]?[jt]sx?$|(^|\/)setupProxy\.[cm]?[jt]s$/;

type Reading = { kind: 'literal'; url: string; full: string } | { kind: 'configured' } | undefined;

/** The URL a value starts with, or whether it comes from build-time configuration. */
function read(v: Value): Reading {
  if (FROM_ENV.test(v.text)) return { kind: 'configured' };
  let head: string | undefined;
  if (v.kind === 'string') head = v.value;
  else if (v.kind === 'fstring' && v.text.startsWith('`')) head = v.text.slice(1).split('${')[0];
  else if (v.kind === 'binop' && v.op === '+' && /^['"`]/.test(v.text)) head = v.literal;
  if (head === undefined) return undefined;
  const full = head.trim();
  const m = ABSOLUTE.exec(full);
  return m ? { kind: 'literal', url: m[0], full } : undefined;
}

function isDevHost(url: string): boolean {
  return DEV_HOST.test(ABSOLUTE.exec(url)?.[2] ?? '');
}

const normalized = (target: string) => target.slice(target.lastIndexOf('.') + 1).replace(/[^a-z]/gi, '').toLowerCase();

export function collectApiUrls(repo: RepoContext, shell: AppShell): { hardcoded: { url: string; evidence: Evidence }[]; configured: Evidence[] } {
  const hardcoded: { url: string; evidence: Evidence }[] = [];
  const configured: Evidence[] = [];
  const seen = new Set<string>();
  /** devOnly: only a dev host counts; apiLike: only a dev host or an API-looking URL counts. */
  const judge = (m: CodeModel, v: Value, what: string, devOnly: boolean, apiLike = false) => {
    const r = read(v);
    if (!r) return;
    const key = `${m.file}:${v.line}`;
    if (seen.has(key)) return;
    if (r.kind === 'configured') {
      seen.add(key);
      configured.push(repo.ev(m.file, v.line, { note: `${what} read from build-time configuration` }));
    } else if (isDevHost(r.url) || (!devOnly && (!apiLike || API_LIKE.test(r.full)))) {
      seen.add(key);
      hardcoded.push({ url: r.url, evidence: repo.ev(m.file, v.line, { note: `${what}: ${r.url}` }) });
    }
  };
  const options = (m: CodeModel, v: Value, callee: string) => {
    for (const e of v.entries ?? []) {
      if (BASE_KEYS.has(e.key) || (e.key === 'uri' && APOLLO.has(callee))) judge(m, e.value, `${e.key} of ${callee}()`, false);
    }
  };
  const nextjs = shell.app.frameworks.includes('nextjs');
  for (const m of shell.models) {
    if (SKIPPED_FILE.test(m.file)) continue;
    if (nextjs && (NEXT_SERVER_FILE.test(relativeTo(shell.app.service, m.file)) || m.directives.includes('use server'))) continue;
    for (const a of m.assignments) {
      const name = normalized(a.target);
      if (BASE_NAMES.has(name) || a.target.endsWith('OpenAPI.BASE')) judge(m, a.value, a.target, false);
      else if (GENERIC_NAMES.has(name)) judge(m, a.value, a.target, false, true);
    }
    for (const c of m.calls) {
      for (const arg of c.args) options(m, arg, c.name);
      if (REQUEST_CALLEES.test(c.callee) && c.args[0]) judge(m, c.args[0], `${c.isNew ? 'new ' : ''}${c.callee}()`, true);
    }
  }
  return { hardcoded, configured };
}
