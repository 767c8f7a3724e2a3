/**
 * Outbound HTTP calls in Python code, with whether a timeout bounds them. What each client does
 * when none is given decides what counts as missing:
 * - requests: no default timeout at all (a call can wait forever), module calls and Session calls;
 * - urllib.request.urlopen: the socket default, none unless socket.setdefaulttimeout() is called;
 * - httpx: 5 s by default, so only an explicit `timeout=None` removes it;
 * - aiohttp.ClientSession: a 5-minute total by default.
 * `**kwargs` may carry a timeout: such calls are never reported.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import { inMainGuard } from '../code/model.js';
import type { HttpCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTPX_VERBS = new Set([...VERBS, 'stream']);

const NO_TIMEOUT_REQUESTS = 'requests has no default timeout: the call waits forever on a server that accepts the connection and never answers';

function isNone(v: Value | undefined): boolean {
  return v?.kind === 'none';
}

/** Names bound to the result of one of `ctors` anywhere in the file (`s = requests.Session()`, `self.client = httpx.Client()`). */
function boundTo(model: CodeModel, ctors: readonly string[]): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const a of model.assignments) {
    if (a.value.kind === 'call' && ctors.includes(a.value.callee ?? '')) out.set(a.target, a.value);
  }
  return out;
}

export interface PyHttpContext {
  /** socket.setdefaulttimeout() is called somewhere: urlopen's default is then bounded. */
  socketDefaultTimeout: boolean;
}

export function pythonHttpCalls(repo: RepoContext, model: CodeModel, ctx: PyHttpContext): HttpCall[] {
  const out: HttpCall[] = [];
  const mods = new Set(model.imports.map((i) => i.module));
  const fromImports = (module: string) => new Set(model.imports.filter((i) => i.module === module).flatMap((i) => i.names));
  const hasRequests = mods.has('requests');
  const hasHttpx = mods.has('httpx');
  const hasAiohttp = mods.has('aiohttp');
  const urllibNames = fromImports('urllib.request');
  const urllibFrom = fromImports('urllib');
  const aiohttpNames = fromImports('aiohttp');
  const requestsNames = fromImports('requests');

  const sessionCtors = [...(hasRequests ? ['requests.Session', 'requests.session'] : []), ...(requestsNames.has('Session') ? ['Session'] : [])];
  const sessions = boundTo(model, sessionCtors);
  // A session whose `request` method is wrapped (functools.partial(..., timeout=…)) sets its own default.
  for (const a of model.assignments) for (const s of [...sessions.keys()]) if (a.target === `${s}.request`) sessions.delete(s);
  const httpxClients = hasHttpx ? boundTo(model, ['httpx.Client', 'httpx.AsyncClient']) : new Map();
  // aiohttp: a per-request timeout anywhere in the file means session defaults are not the whole story.
  const otherClients = new Set(['requests', 'httpx', ...sessions.keys(), ...httpxClients.keys()]);
  const aiohttpPerRequestTimeout = model.calls.some(
    (c) => VERBS.has(c.name) && c.kwargs.timeout !== undefined && c.callee.includes('.') && !otherClients.has(c.callee.slice(0, c.callee.lastIndexOf('.'))),
  );

  const push = (c: CallSite, client: string, missing: string | null) => {
    const fn = c.fn >= 0 ? model.functions[c.fn] : undefined;
    out.push({
      client,
      evidence: repo.ev(model.file, c.line, { endLine: c.endLine }),
      missingTimeout: missing,
      inAsync: !!fn?.async,
      function: fn?.name ?? '',
    });
  };
  const unknown = (c: CallSite) => c.kwargs['**'] !== undefined;

  for (const c of model.calls) {
    if (inMainGuard(model, c.line)) continue;
    const dot = c.callee.lastIndexOf('.');
    const obj = dot > 0 ? c.callee.slice(0, dot) : '';
    // requests module calls and calls on a requests.Session bound in this file.
    if ((hasRequests && obj === 'requests' && VERBS.has(c.name)) || (sessions.has(obj) && VERBS.has(c.name))) {
      if (unknown(c)) push(c, 'requests', null);
      else if (c.kwargs.timeout === undefined) push(c, 'requests', NO_TIMEOUT_REQUESTS);
      else if (isNone(c.kwargs.timeout)) push(c, 'requests', 'timeout=None: requests then waits forever');
      else push(c, 'requests', null);
      continue;
    }
    const isUrlopen =
      (c.callee === 'urllib.request.urlopen' && mods.has('urllib.request')) ||
      (c.callee === 'request.urlopen' && urllibFrom.has('request')) ||
      (c.callee === 'urlopen' && urllibNames.has('urlopen'));
    if (isUrlopen) {
      const timeout = c.kwargs.timeout ?? c.args[2];
      if (unknown(c) || ctx.socketDefaultTimeout) push(c, 'urllib', null);
      else if (!timeout || isNone(timeout)) push(c, 'urllib', 'urlopen() without timeout uses the socket default, which is no timeout at all');
      else push(c, 'urllib', null);
      continue;
    }
    const httpxCall = hasHttpx && ((obj === 'httpx' && (HTTPX_VERBS.has(c.name) || c.name === 'Client' || c.name === 'AsyncClient')) || (httpxClients.has(obj) && HTTPX_VERBS.has(c.name)));
    if (httpxCall) {
      // httpx defaults to a 5-second timeout: only an explicit None removes it.
      push(c, 'httpx', isNone(c.kwargs.timeout) ? 'timeout=None disables httpx\'s 5-second default: the call can wait forever' : null);
      continue;
    }
    const isSession = (hasAiohttp && c.callee === 'aiohttp.ClientSession') || (c.callee === 'ClientSession' && aiohttpNames.has('ClientSession'));
    if (isSession) {
      if (unknown(c) || c.kwargs.timeout !== undefined || aiohttpPerRequestTimeout) push(c, 'aiohttp', null);
      else push(c, 'aiohttp', "aiohttp.ClientSession() without timeout= falls back to aiohttp's default 5-minute total timeout: a stuck upstream holds the request for 5 minutes");
    }
  }
  return out;
}
