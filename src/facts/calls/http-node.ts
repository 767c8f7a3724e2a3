/**
 * Outbound HTTP calls in server-side JavaScript/TypeScript, with whether a timeout bounds them:
 * - fetch: no AbortSignal means undici's defaults (300 s for headers, 300 s between body chunks);
 *   an options object without `signal` is missing one, a non-literal options value cannot be judged;
 * - axios: timeout 0 (none) unless the call config, `axios.defaults.timeout` or the
 *   `axios.create({ timeout })` instance sets one; an instance created without one is reported once,
 *   at its `axios.create()`, where the fix goes;
 * - got and Node's http(s).request/get: no timeout by default.
 * Spread options (`{ ...opts }`) may carry the setting: never reported.
 */
import type { CallSite, CodeModel, Value } from '../code/model.js';
import type { HttpCall } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const AXIOS_URL_CONFIG = new Set(['get', 'delete', 'head', 'options']);
const AXIOS_DATA_CONFIG = new Set(['post', 'put', 'patch']);
const GOT_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);

type Verdict = 'set' | 'missing' | 'unknown';

/** Whether an options object literal sets `key` to something other than 0/null/undefined. */
function optionVerdict(v: Value | undefined, ...keys: string[]): Verdict {
  if (!v) return 'missing';
  if (v.kind !== 'dict') return 'unknown';
  const e = v.entries?.find((x) => keys.includes(x.key));
  if (e) return e.value.kind === 'none' || (e.value.kind === 'number' && Number(e.value.value) === 0) ? 'missing' : 'set';
  // `{ ...defaults }` may carry the key; the model drops spread entries, the text keeps them.
  return /\.\.\./.test(v.text) ? 'unknown' : 'missing';
}

export interface NodeHttpContext {
  /** `axios.defaults.timeout = …` somewhere in the service. */
  axiosDefaultTimeout: boolean;
  /** Targets assigned `<name>.defaults.timeout = …` in the service (instance defaults). */
  instanceDefaults: Set<string>;
}

export function nodeHttpCalls(repo: RepoContext, model: CodeModel, ctx: NodeHttpContext): HttpCall[] {
  const out: HttpCall[] = [];
  const mods = new Set(model.imports.map((i) => i.module));
  const push = (c: { line: number; endLine: number; fn: number }, client: string, missing: string | null) => {
    const fn = c.fn >= 0 ? model.functions[c.fn] : undefined;
    out.push({ client, evidence: repo.ev(model.file, c.line, { endLine: c.endLine }), missingTimeout: missing, inAsync: !!fn?.async, function: fn?.name ?? '' });
  };
  const fetchShadowed = model.functions.some((f) => f.name === 'fetch') || model.assignments.some((a) => a.target === 'fetch' && !(a.value.kind === 'call' && a.value.callee === 'require'));
  const requestObjects = new Set(model.assignments.filter((a) => a.value.kind === 'call' && a.value.callee === 'Request').map((a) => a.target));
  const hasAxios = mods.has('axios');
  const hasGot = mods.has('got');
  const httpMods = new Set([...mods].filter((m) => /^(node:)?https?$/.test(m)).map((m) => m.replace(/^node:/, '')));

  // axios.create() instances: reported once where they are created.
  if (hasAxios) {
    for (const a of model.assignments) {
      if (a.value.kind !== 'call' || a.value.callee !== 'axios.create' || a.value.call === undefined) continue;
      const c = model.calls[a.value.call];
      const v = optionVerdict(c.args[0], 'timeout', 'signal');
      const covered = ctx.axiosDefaultTimeout || ctx.instanceDefaults.has(a.target) || hasInterceptors(model, a.target);
      push(c, 'axios', v === 'missing' && !covered ? 'axios.create() without timeout: every request through this instance waits forever (axios defaults to no timeout)' : null);
    }
  }

  for (const c of model.calls) {
    if ((c.callee === 'fetch' || c.callee === 'globalThis.fetch') && !fetchShadowed && !c.isNew) {
      const first = c.args[0];
      if (!c.args[1] && first && (first.kind === 'name' || first.kind === 'attr') && requestObjects.has(first.text)) push(c, 'fetch', null);
      else {
        // `timeout` is node-fetch v2's own option.
        const v = optionVerdict(c.args[1], 'signal', 'timeout');
        push(c, 'fetch', v === 'missing' ? "fetch() without an AbortSignal: Node's fetch waits up to 300 s for response headers and 300 s between body chunks" : null);
      }
      continue;
    }
    if (hasAxios && (c.callee === 'axios' || c.callee.startsWith('axios.'))) {
      const config = axiosConfig(c);
      if (config === null) continue;
      const v = optionVerdict(config, 'timeout', 'signal');
      push(c, 'axios', v === 'missing' && !ctx.axiosDefaultTimeout ? 'axios defaults to no timeout (0): the call waits forever on a server that never answers' : null);
      continue;
    }
    if (hasGot && (c.callee === 'got' || (c.callee.startsWith('got.') && GOT_VERBS.has(c.name)))) {
      const opts = c.args[0]?.kind === 'dict' ? c.args[0] : c.args[1];
      const v = optionVerdict(opts, 'timeout', 'signal');
      push(c, 'got', v === 'missing' ? 'got has no timeout by default: the call waits forever on a server that never answers' : null);
      continue;
    }
    const mod = c.callee.split('.')[0];
    if (httpMods.has(mod) && (c.callee === `${mod}.request` || c.callee === `${mod}.get`)) {
      const opts = c.args.find((a) => a.kind === 'dict');
      let v = optionVerdict(opts, 'timeout', 'signal');
      if (!opts && c.args.some((a, i) => i < 2 && (a.kind === 'name' || a.kind === 'attr'))) v = 'unknown';
      // `req.setTimeout(…)` or a timer in the same function bounds the request another way.
      if (v === 'missing' && model.calls.some((o) => o.fn === c.fn && (o.name === 'setTimeout' || (o.name === 'on' && o.args[0]?.value === 'timeout')))) v = 'unknown';
      push(c, 'http', v === 'missing' ? `Node's ${mod}.${c.name}() has no timeout by default: a silent server holds the socket open indefinitely` : null);
    }
  }
  return out;
}

function hasInterceptors(model: CodeModel, target: string): boolean {
  return model.calls.some((c) => c.callee === `${target}.interceptors.request.use`);
}

/** The config argument of an axios call: undefined when absent, null when the callee is not a request. */
function axiosConfig(c: CallSite): Value | undefined | null {
  if (c.callee === 'axios') return c.args[0]?.kind === 'dict' ? c.args[0] : c.args[1];
  if (c.callee === 'axios.request') return c.args[0];
  if (AXIOS_URL_CONFIG.has(c.name) && c.callee === `axios.${c.name}`) return c.args[1];
  if (AXIOS_DATA_CONFIG.has(c.name) && c.callee === `axios.${c.name}`) return c.args[2];
  return null;
}
