/**
 * Blocking calls made directly inside `async def` functions of the Python application: while one
 * runs, the event loop serves nobody else. "Directly" means the innermost enclosing function is the
 * async one: a nested sync `def` is skipped (it may be what is sent to a thread), and so is anything
 * inside the argument list of an off-loading call (`asyncio.to_thread`, `run_in_threadpool`,
 * `loop.run_in_executor`, `anyio.to_thread.run_sync`), which is how lambdas handed to a thread look
 * in the code model (lambdas are not functions there).
 *
 * One helper level is followed too: an async function that calls (without awaiting) a plain `def` of
 * the application whose own body makes a blocking call blocks the loop just the same. That finding
 * points at the blocking call in the helper and names the async caller and its call line. A helper
 * handed to a thread (`asyncio.to_thread(helper)`, `run_in_threadpool(helper)`) is a value there, not
 * a call, so it is never followed.
 */
import { callsIn } from '../code/lookup.js';
import type { CallSite, CodeModel } from '../code/model.js';
import { inMainGuard } from '../code/model.js';
import type { BlockingCall, FactMap } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programFor } from '../routes/program.js';
import { resolveCall } from '../routes/reach.js';

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

/** What a file imports and which names hold sync sessions / clients: what `blockingApi` needs. */
interface FileContext {
  mods: Set<string>;
  from: (m: string) => Set<string>;
  sessions: Set<string>;
  httpxClients: Set<string>;
  offloads: CallSite[];
}

const contexts = new WeakMap<CodeModel, FileContext>();

function contextOf(model: CodeModel): FileContext {
  let ctx = contexts.get(model);
  if (ctx) return ctx;
  const mods = new Set(model.imports.map((i) => i.module));
  const from = (m: string) => new Set(model.imports.filter((i) => i.module === m).flatMap((i) => i.names));
  const bound = (ctors: string[]) => new Set(model.assignments.filter((a) => a.value.kind === 'call' && ctors.includes(a.value.callee ?? '')).map((a) => a.target));
  ctx = {
    mods,
    from,
    sessions: bound(mods.has('requests') ? ['requests.Session', 'requests.session'] : []),
    httpxClients: bound(mods.has('httpx') ? ['httpx.Client'] : []),
    offloads: model.calls.filter((c) => OFFLOAD.test(c.callee)),
  };
  contexts.set(model, ctx);
  return ctx;
}

/** Inside the argument list of an off-loading call: handed to a thread, not run on the loop. */
function offloaded(model: CodeModel, ctx: FileContext, c: CallSite, idx: number): boolean {
  return ctx.offloads.some((o) => o !== c && o.fn === c.fn && o.line <= c.line && c.endLine <= o.endLine && model.calls.indexOf(o) < idx);
}

/** The blocking API a call is, in its file's context (a sync httpx.Client used in `with` included). */
function blockingAt(model: CodeModel, ctx: FileContext, c: CallSite, idx: number): string | undefined {
  const api = blockingApi(c, model, ctx.sessions, ctx.httpxClients, ctx.mods, ctx.from);
  if (api) return api;
  // A sync httpx.Client created in the function (`with httpx.Client() as client:`) blocks on every use.
  if (ctx.mods.has('httpx') && c.callee === 'httpx.Client' && !model.assignments.some((a) => a.value.call === idx)) return 'httpx.Client';
  return undefined;
}

const fnName = (model: CodeModel, fn: number) => {
  const f = model.functions[fn];
  return f.className ? `${f.className}.${f.name}` : f.name;
};

/** Decorators that turn a sync helper into something awaited off the loop. */
const THREADED_HELPER = /sync_to_async|asyncify|to_thread|run_in_executor|threadpool|run_sync/;

export function collectBlockingCalls(repo: RepoContext, _facts: FactMap): BlockingCall[] {
  const out: BlockingCall[] = [];
  const asyncModels = [...repo.models.values()].filter((m) => m.language === 'python' && repo.file(m.file)?.role === 'app' && m.functions.some((f) => f.async));
  for (const model of asyncModels) {
    const ctx = contextOf(model);
    model.calls.forEach((c, idx) => {
      if (c.fn < 0 || !model.functions[c.fn].async || inMainGuard(model, c.line) || offloaded(model, ctx, c, idx)) return;
      const api = blockingAt(model, ctx, c, idx);
      if (api) out.push({ evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), call: api, function: fnName(model, c.fn) });
    });
  }
  // One helper level: async caller → plain def of the app → blocking call in its own body.
  const prog = programFor(repo);
  const reported = new Set<string>();
  for (const model of asyncModels) {
    const ctx = contextOf(model);
    model.calls.forEach((c, idx) => {
      if (c.fn < 0 || c.awaited || !model.functions[c.fn].async || inMainGuard(model, c.line) || offloaded(model, ctx, c, idx)) return;
      if (/(^|\.)(delay|apply_async|s|si|signature)$/.test(c.callee)) return;
      const target = resolveCall(prog, model, c);
      const hm = target && prog.model(target.file);
      if (!target || !hm || hm.language !== 'python' || repo.file(hm.file)?.role !== 'app') return;
      const helper = hm.functions[target.fn];
      if (!helper || helper.async || helper.decorators.some((d) => THREADED_HELPER.test(d.kind === 'call' ? (d.callee ?? '') : d.text))) return;
      const hctx = contextOf(hm);
      for (const { call: h, idx: hidx } of callsIn(hm, target.fn)) {
        if (inMainGuard(hm, h.line) || offloaded(hm, hctx, h, hidx)) continue;
        const key = `${hm.file}:${hidx}`;
        if (reported.has(key)) continue;
        const api = blockingAt(hm, hctx, h, hidx);
        if (!api) continue;
        reported.add(key);
        const caller = fnName(model, c.fn);
        const helperName = fnName(hm, target.fn);
        out.push({
          evidence: repo.ev(hm.file, h.line, { endLine: h.endLine, note: `in plain helper ${helperName}(), called by async ${caller}()` }),
          call: api,
          function: helperName,
          via: { caller, helper: helperName, evidence: repo.ev(model.file, c.line, { endLine: c.endLine, note: `async ${caller}() calls ${helperName}() on the event loop` }) },
        });
      }
    });
  }
  return out;
}
