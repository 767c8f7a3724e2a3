/**
 * in-process-state: module-level containers (dict / list / set / defaultdict / deque, JS `{}` / `[]`
 * / `new Map()` / `new Set()`) in back-end application code that request-time code mutates
 * (`store[k] = v`, `.append/.add/.update/.setdefault/.pop…`, `.set/.push/.delete…`). Such state
 * lives in one process: with several workers or instances each has its own copy, so sessions,
 * caches, rate-limit counters and job registries disagree between requests.
 *
 * Not reported: containers only filled at import time (registries, constant tables), containers
 * mutated only by code that does not serve requests (Celery tasks and worker jobs run in their own
 * processes and are judged elsewhere; startup functions; CLI scripts, migrations and tests are not
 * application code, see scope.ts), names shadowed by a local or a parameter, WeakMap/WeakSet (keyed
 * by live objects), and containers of clients / connections / locks (one per process is right).
 */
import type { Assignment, CodeModel, Value } from '../code/model.js';
import { assignmentsIn } from '../code/lookup.js';
import type { FactMap, ModuleStateFact } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { requestTime, type RequestTime } from './request-time.js';
import { appModules } from './scope.js';
import { table } from '../../core/table.js';

const PY_FACTORIES = table<string>({
  dict: 'dict',
  list: 'list',
  set: 'set',
  defaultdict: 'defaultdict',
  OrderedDict: 'OrderedDict',
  deque: 'deque',
  Counter: 'Counter',
});
const PY_MUTATORS = new Set(['append', 'appendleft', 'extend', 'insert', 'add', 'update', 'setdefault', 'pop', 'popitem', 'popleft', 'remove', 'discard', 'clear', '__setitem__', '__delitem__']);
const JS_MUTATORS = new Set(['set', 'push', 'unshift', 'add', 'delete', 'clear', 'splice', 'pop', 'shift']);
/** One client / connection / lock per process is the right design, not shared state. */
const PER_PROCESS = /(client|connection|conn|pool|engine|driver|logger|lock|executor|loop|socket_server|model|templates?|schema|handlers?|hooks?|plugins?|listeners?|routes?|routers?|middlewares?)s?$/i;

export function collectModuleStates(repo: RepoContext, facts: FactMap): ModuleStateFact[] {
  const out: ModuleStateFact[] = [];
  let rt: RequestTime | undefined;
  for (const { model, python } of appModules(repo, facts)) {
    const containers = moduleContainers(model, python);
    if (containers.size === 0) continue;
    rt ??= requestTime(repo, facts);
    for (const [name, { def, container }] of containers) {
      const lines = mutationLines(model, name, python, container).filter((m) => rt!.has(model, m.fn) && !shadowed(model, m.fn, name));
      if (lines.length === 0) continue;
      const uniq = [...new Set(lines.map((l) => l.line))].sort((a, b) => a - b);
      out.push({
        name,
        container,
        family: python ? 'py' : 'node',
        evidence: repo.ev(model.file, def.line, { note: `mutated at line${uniq.length > 1 ? 's' : ''} ${uniq.slice(0, 3).join(', ')}${uniq.length > 3 ? '…' : ''}` }),
        mutations: uniq.slice(0, 3).map((l) => repo.ev(model.file, l, { note: `${name} mutated while serving a request` })),
      });
    }
  }
  return out;
}

/** Module-level `NAME = {}` / `const NAME = new Map()`: first definition per simple name. */
function moduleContainers(model: CodeModel, python: boolean): Map<string, { def: Assignment; container: string }> {
  const out = new Map<string, { def: Assignment; container: string }>();
  for (const a of assignmentsIn(model, -1)) {
    if (a.scope !== 'module' || !/^[A-Za-z_$][\w$]*$/.test(a.target) || out.has(a.target) || PER_PROCESS.test(a.target)) continue;
    if (a.annotation && /\bFinal\b/.test(a.annotation)) continue;
    const container = containerKind(model, a.value, python);
    if (container) out.set(a.target, { def: a, container });
  }
  return out;
}

export function containerKind(model: CodeModel, v: Value, python: boolean): string | null {
  if (v.kind === 'dict') return python ? 'dict' : 'object';
  if (v.kind === 'list') return python ? (v.text.startsWith('(') ? null : v.text.startsWith('{') ? 'set' : 'list') : 'array';
  if (v.kind !== 'call') return null;
  const callee = (v.callee ?? '').replace(/^collections\./, '');
  if (python) return PY_FACTORIES[callee] ?? null;
  const name = callee.replace(/<.*$/, '');
  const isNew = v.call !== undefined ? model.calls[v.call]?.isNew : /^new /.test(v.text);
  return isNew && (name === 'Map' || name === 'Set') ? name : null;
}

/** Lines (with their enclosing function) where function code mutates NAME. */
function mutationLines(model: CodeModel, name: string, python: boolean, container: string): { line: number; fn: number }[] {
  const out: { line: number; fn: number }[] = [];
  const mutators = python ? PY_MUTATORS : JS_MUTATORS;
  for (const c of model.calls) {
    if (c.fn < 0 || !c.callee.startsWith(`${name}.`) || c.callee.indexOf('.', name.length + 1) >= 0) continue;
    if (mutators.has(c.name)) out.push({ line: c.line, fn: c.fn });
  }
  for (const a of model.assignments) {
    if (a.fn < 0 || a.scope !== 'function') continue;
    const item = a.target.startsWith(`${name}[`);
    // `state.count = 1` on a JS object literal used as a store.
    const prop = !python && container === 'object' && a.target.startsWith(`${name}.`);
    if ((item || prop) && !perProcessValue(a.value)) out.push({ line: a.line, fn: a.fn });
  }
  // `counts[ip] += 1`, `hits[key]++`: in-process counters (rate limits, quotas, metrics).
  for (const a of model.augmented) {
    if (a.fn < 0) continue;
    if (a.target.startsWith(`${name}[`) || (!python && container === 'object' && a.target.startsWith(`${name}.`))) out.push({ line: a.line, fn: a.fn });
  }
  return out;
}

/** `_patterns[k] = re.compile(k)`, `clients[region] = new S3Client(...)`: a per-process memo of a resource, the same in every process. */
function perProcessValue(v: Value): boolean {
  if (v.kind !== 'call') return false;
  const name = (v.callee ?? '').split('.').pop() ?? '';
  return /^(compile|import_module|getLogger|get_logger)$/.test(name) || /(Client|Session|Engine|Pool|Connection|Driver|Logger|Lock|Semaphore|Executor)$/.test(name);
}

/** A parameter or local assignment named NAME in the function or an enclosing one hides the module variable. */
function shadowed(model: CodeModel, fn: number, name: string): boolean {
  for (let f = fn; f >= 0; f = model.functions[f].parent) {
    // `*args`, `{ cache }`, `[first, rest]`: any identifier in the parameter pattern.
    if (model.functions[f].params.some((p) => p.name.split(/[^\w$]+/).includes(name))) return true;
    if (assignmentsIn(model, f).some((a) => a.target === name || (/^[[{]/.test(a.target) && a.target.split(/[^\w$]+/).includes(name)))) return true;
  }
  return false;
}
