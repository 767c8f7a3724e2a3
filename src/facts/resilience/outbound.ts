/**
 * Outbound calls (facts.httpCalls, facts.llmCalls) with the retry policy and circuit breaker that
 * guard them. Function-level coverage comes from retry.ts / breaker.ts; this module adds what is
 * specific to one HTTP client:
 *  - requests: a Session with `HTTPAdapter(max_retries=…)` mounted (or urllib3 `Retry`) in the file
 *    that builds the session (module-level `requests.get` never goes through an adapter);
 *  - httpx: a client built with `HTTPTransport(retries=…)` (connection failures only);
 *  - axios: `axiosRetry(...)` applied anywhere in the service (interceptors are process-wide);
 *  - got: retries GET/PUT/HEAD/DELETE/OPTIONS/TRACE twice by default, never POST/PATCH unless
 *    `retry` is configured.
 * Module-level calls (run once at import or start-up, often a probe script) and calls inside
 * command-line commands (`@click.command`, Typer `@app.command`) are left out; browser code never
 * reaches facts.httpCalls (calls/browser.ts).
 * LLM SDK calls are not judged for retries here: openai / anthropic clients retry twice by default,
 * and llm-client-unguarded checks their explicit settings.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel } from '../code/model.js';
import type { FactMap, GuardedCall, OutboundGuards } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor, type Program } from '../routes/program.js';
import { originOf } from '../routes/receivers.js';
import { breakerAround, breakerIndex } from './breaker.js';
import { retryAround, retryLoop, SELF_RETRY } from './retry.js';
import { appModels, callAt, importsAnyOf, inCliCommand, optionKey, packageName } from './scope.js';

const AXIOS_RETRY = new Set(['axios-retry']);

const HTTP_NAME = /^(get|post|put|patch|delete|head|options|request|stream|fetch|axios|got|urlopen|ClientSession|Client|AsyncClient|create)$/;
const CLIENT_CTOR = /^(Client|AsyncClient|ClientSession)$/;
const REQUEST_VERB = /^(get|post|put|patch|delete|head|options|request|stream|send|ws_connect)$/;
const GOT_RETRIED = /^(get|put|head|delete|options|trace)$/i;

export function collectOutboundGuards(repo: RepoContext, facts: FactMap): OutboundGuards {
  const http = facts.httpCalls;
  const llm = facts.llmCalls;
  if (http.length === 0 && llm.length === 0) return { calls: [], breakers: [] };
  const prog = programFor(repo);
  const models = appModels(repo);
  const calls: GuardedCall[] = [];
  const axiosRetry = axiosRetryServices(prog, models);

  for (const h of http) {
    const model = repo.models.get(h.evidence.file);
    const site = model ? (callAt(model, h.evidence.line, (c) => HTTP_NAME.test(c.name)) ?? callAt(model, h.evidence.line)) : null;
    const fn = site?.call.fn ?? -1;
    // Module-level calls run once, at import or start-up (often a probe script): not a request path;
    // nor is a command-line command an operator runs by hand.
    if (fn < 0 || (model && inCliCommand(model, fn))) continue;
    // A client object (`httpx.AsyncClient()`, `aiohttp.ClientSession()`) stands for the requests made
    // through it, when they are made in the same function; one stored for later (`app.state.http = …`)
    // or handed out (`yield client`) is used elsewhere, where we cannot follow it.
    if (model && site && CLIENT_CTOR.test(site.call.name) && !requestsNearby(model, fn)) continue;
    let retry: Evidence | null = null;
    let noRetry: string | undefined;
    if (model && site) {
      retry = retryLoop(prog, model, site.call) ?? retryAround(prog, models, model, fn);
      if (retry?.note === SELF_RETRY && site.call.handler !== undefined) retry = null;
      if (!retry && h.client === 'requests') retry = sessionAdapter(prog, model, site.call.callee, fn);
      if (!retry && h.client === 'httpx') retry = httpxTransport(prog, model, site.call.callee, fn);
      if (!retry && h.client === 'axios') {
        const a = axiosRetry.get(repo.file(model.file)?.service ?? '');
        if (a) retry = a;
      }
      if (!retry && h.client === 'got') {
        const opt = optionKey(site.call, /^retry$/);
        const method = site.call.name === 'got' ? methodOption(site.call) : site.call.name;
        if (opt === 'opaque' || (opt && !(opt.value.kind === 'number' && opt.value.value === '0'))) retry = repo.ev(model.file, site.call.line, { note: 'got retry option' });
        else if (GOT_RETRIED.test(method)) retry = repo.ev(model.file, site.call.line, { note: `got retries ${method.toUpperCase()} requests twice by default` });
        else noRetry = `got does not retry ${method.toUpperCase()} requests by default`;
      }
    }
    calls.push({
      kind: 'http',
      client: h.client,
      evidence: h.evidence,
      function: h.function,
      family: model?.language === 'python' ? 'py' : 'node',
      retry,
      noRetry,
      breaker: model && site ? breakerAround(prog, models, model, fn) : null,
    });
  }
  for (const l of llm) {
    const model = repo.models.get(l.evidence.file);
    const site = model ? callAt(model, l.evidence.line) : null;
    if (site && (site.call.fn < 0 || (model && inCliCommand(model, site.call.fn)))) continue; // module level or a CLI command
    calls.push({
      kind: 'llm',
      client: l.provider,
      evidence: l.evidence,
      function: l.function,
      family: model?.language === 'python' ? 'py' : 'node',
      retry: null,
      breaker: model && site ? breakerAround(prog, models, model, site.call.fn) : null,
    });
  }
  return { calls, breakers: breakerIndex(prog, models).found };
}

function methodOption(c: { args: { kind: string; entries?: { key: string; value: { value?: string } }[] }[] }): string {
  for (const a of c.args) {
    const m = a.kind === 'dict' ? a.entries?.find((e) => e.key === 'method') : undefined;
    if (m) return m.value.value ?? 'unknown';
  }
  return 'GET';
}

/** The file where the receiver of `callee` is built (the call's own file when it cannot be traced). */
function receiverFile(prog: Program, model: CodeModel, callee: string, fn: number): string {
  const recv = callee.includes('.') ? callee.slice(0, callee.lastIndexOf('.')) : '';
  return (recv && originOf(prog, model.file, fn, recv)?.file) || model.file;
}

/** `session.mount(prefix, HTTPAdapter(max_retries=…))` where the session is built. */
function sessionAdapter(prog: Program, model: CodeModel, callee: string, fn: number): Evidence | null {
  if (callee.startsWith('requests.')) return null;
  const file = receiverFile(prog, model, callee, fn);
  const m = prog.model(file);
  if (!m) return null;
  const mounts = m.calls.some((c) => c.name === 'mount');
  const adapter = m.calls.find((c) => c.name === 'HTTPAdapter' && (c.kwargs.max_retries || c.kwargs['**']));
  if (mounts && adapter) return prog.repo.ev(file, adapter.line, { note: 'HTTPAdapter(max_retries=…) mounted on the session' });
  return null;
}

/** An httpx client built on a transport with `retries=`. */
function httpxTransport(prog: Program, model: CodeModel, callee: string, fn: number): Evidence | null {
  if (callee.startsWith('httpx.')) return null;
  const file = receiverFile(prog, model, callee, fn);
  const m = prog.model(file);
  const t = m?.calls.find((c) => /^(Async)?HTTPTransport$/.test(c.name) && c.kwargs.retries);
  return t ? prog.repo.ev(file, t.line, { note: 'httpx transport retries (connection failures only)' }) : null;
}

/** Services where axios-retry is applied (it installs an interceptor on the instance it is given). */
function axiosRetryServices(prog: Program, models: readonly CodeModel[]): Map<string, Evidence> {
  const out = new Map<string, Evidence>();
  for (const m of models) {
    if (m.language === 'python' || !importsAnyOf(m, AXIOS_RETRY)) continue;
    for (const c of m.calls) {
      if (packageName(prog, m.file, c.callee) !== 'axios-retry') continue;
      out.set(prog.repo.file(m.file)?.service ?? '', prog.repo.ev(m.file, c.line, { note: 'axios-retry' }));
    }
  }
  return out;
}


/** The function makes requests through a client object (`client.get(...)`, `session.post(...)`). */
function requestsNearby(model: CodeModel, fn: number): boolean {
  return model.calls.some((c) => c.fn === fn && REQUEST_VERB.test(c.name) && c.callee.includes('.') && !/^(httpx|requests|aiohttp)\./.test(c.callee));
}
