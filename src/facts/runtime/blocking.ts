/**
 * Blocking calls made directly inside `async def` functions of the Python application: while one
 * runs, the event loop serves nobody else. "Directly" means the innermost enclosing function is the
 * async one: a nested sync `def` is skipped (it may be what is sent to a thread), and so is anything
 * inside the argument list of an off-loading call (`asyncio.to_thread`, `run_in_threadpool`,
 * `loop.run_in_executor`, `anyio.to_thread.run_sync`), which is how lambdas handed to a thread look
 * in the code model (lambdas are not functions there).
 */
import type { CallSite, CodeModel } from '../code/model.js';
import { inMainGuard } from '../code/model.js';
import type { BlockingCall, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const REQUESTS_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);
const HTTPX_SYNC = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream']);
const SUBPROCESS = new Set(['run', 'call', 'check_output', 'check_call']);
const OFFLOAD = /(^|\.)(to_thread|run_in_threadpool|run_in_executor|run_sync|sync_to_async|run_blocking)$/;

/** The blocking API a call is, or undefined. */
function blockingApi(c: CallSite, model: CodeModel, sessions: Set<string>, httpxClients: Set<string>, mods: Set<string>, from: (m: string) => Set<string>): string | undefined {
  const callee = c.callee;
  const obj = callee.includes('.') ? callee.slice(0, callee.lastIndexOf('.')) : '';
  if (mods.has('time') && callee === 'time.sleep') return 'time.sleep';
  if (callee === 'sleep' && from('time').has('sleep')) return 'time.sleep';
  if (mods.has('requests') && obj === 'requests' && REQUESTS_VERBS.has(c.name)) return callee;
  if (sessions.has(obj) && REQUESTS_VERBS.has(c.name)) return `requests.Session.${c.name}`;
  if ((mods.has('urllib.request') && callee === 'urllib.request.urlopen') || (callee === 'urlopen' && from('urllib.request').has('urlopen')) || (callee === 'request.urlopen' && from('urllib').has('request'))) return 'urllib.request.urlopen';
  if (mods.has('subprocess') && obj === 'subprocess' && SUBPROCESS.has(c.name)) return callee;
  if (mods.has('psycopg2') && callee === 'psycopg2.connect') return callee;
  if (mods.has('sqlite3') && callee === 'sqlite3.connect') return callee;
  if (mods.has('smtplib') && (callee === 'smtplib.SMTP' || callee === 'smtplib.SMTP_SSL')) return callee;
  if (mods.has('httpx') && obj === 'httpx' && HTTPX_SYNC.has(c.name)) return callee;
  if (httpxClients.has(obj) && HTTPX_SYNC.has(c.name)) return `httpx.Client.${c.name}`;
  if (callee === 'open().read' && !model.functions.some((f) => f.name === 'open')) return 'open().read()';
  return undefined;
}

export function collectBlockingCalls(repo: RepoContext, _facts: FactMap): BlockingCall[] {
  const out: BlockingCall[] = [];
  for (const model of repo.models.values()) {
    if (model.language !== 'python' || repo.file(model.file)?.role !== 'app') continue;
    if (!model.functions.some((f) => f.async)) continue;
    const mods = new Set(model.imports.map((i) => i.module));
    const from = (m: string) => new Set(model.imports.filter((i) => i.module === m).flatMap((i) => i.names));
    const bound = (ctors: string[]) => new Set(model.assignments.filter((a) => a.value.kind === 'call' && ctors.includes(a.value.callee ?? '')).map((a) => a.target));
    const sessions = bound(mods.has('requests') ? ['requests.Session', 'requests.session'] : []);
    const httpxClients = bound(mods.has('httpx') ? ['httpx.Client'] : []);
    const offloads = model.calls.filter((c) => OFFLOAD.test(c.callee));

    model.calls.forEach((c, idx) => {
      if (c.fn < 0 || !model.functions[c.fn].async || inMainGuard(model, c.line)) return;
      // Inside the argument list of an off-loading call: handed to a thread, not run on the loop.
      if (offloads.some((o) => o !== c && o.fn === c.fn && o.line <= c.line && c.endLine <= o.endLine && model.calls.indexOf(o) < idx)) return;
      let api = blockingApi(c, model, sessions, httpxClients, mods, from);
      // A sync httpx.Client created in the coroutine (`with httpx.Client() as client:`) blocks on every use.
      if (!api && mods.has('httpx') && c.callee === 'httpx.Client' && !model.assignments.some((a) => a.value.call === idx)) api = 'httpx.Client';
      if (!api) return;
      const fn = model.functions[c.fn];
      out.push({ evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), call: api, function: fn.className ? `${fn.className}.${fn.name}` : fn.name });
    });
  }
  return out;
}
