/**
 * The worker-process view: which start commands run task workers (Celery, RQ, Dramatiq), with which
 * queues and flags, and the Celery worker settings configured in code. Settings are read from
 * `app.conf.X = …`, `app.conf["X"] = …`, `app.conf.update(X=…)` / `update({...})`, a celeryconfig module
 * (a file whose name contains "celery", or one named by `config_from_object("pkg.mod")`), and Django
 * `CELERY_*` / old `CELERYD_*` settings. Keys are canonicalised (`task_acks_late`, `CELERY_TASK_ACKS_LATE`,
 * `CELERY_ACKS_LATE` → `acks_late`) so rules compare one name. Shell lines are plain text.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import type { FactMap, WorkerFacts, WorkerProcess } from '../fact-map.js';
import type { RepoContext } from '../repo.js';
import { programWords, splitStatements } from '../deploy/command.js';
import { collectQueueUses } from './queues.js';
import { collectBrokers } from './broker.js';
import { table } from '../../core/table.js';

const KNOWN = new Set(['default_queue', 'acks_late', 'reject_on_worker_lost', 'prefetch_multiplier', 'max_tasks_per_child', 'max_memory_per_child', 'concurrency']);

/** `CELERY_TASK_ACKS_LATE` / `task_acks_late` / `CELERYD_PREFETCH_MULTIPLIER` → `acks_late` / `prefetch_multiplier`. */
export function canonicalKey(raw: string): string | undefined {
  const k = raw
    .toLowerCase()
    .replace(/^celeryd?_/, '')
    .replace(/^(task_|worker_)/, '');
  return KNOWN.has(k) ? k : undefined;
}

function pythonModels(repo: RepoContext): CodeModel[] {
  return [...repo.models.values()].filter((m) => m.language === 'python' && ['app', 'config', 'script'].includes(repo.file(m.file)?.role ?? ''));
}

/** Files named by `config_from_object("pkg.celeryconfig")` (module path → file suffix). */
function configModules(models: CodeModel[]): Set<string> {
  const out = new Set<string>();
  for (const m of models)
    for (const c of m.calls)
      if (c.name === 'config_from_object' && c.args[0]?.kind === 'string' && c.args[0].value && !c.args[0].value.includes(':')) out.add(`${c.args[0].value.replace(/\./g, '/')}.py`);
  return out;
}

function celerySettings(repo: RepoContext): WorkerFacts['celerySettings'] {
  const models = pythonModels(repo);
  if (!models.some((m) => m.imports.some((i) => i.module === 'celery' || i.module.startsWith('celery.')))) return [];
  const cfgFiles = configModules(models);
  const out: WorkerFacts['celerySettings'] = [];
  const add = (raw: string, v: Value, m: CodeModel, line: number) => {
    const key = canonicalKey(raw);
    if (key) out.push({ key, value: v.value ?? v.text, evidence: repo.ev(m.file, line) });
  };
  for (const m of models) {
    const isConfigModule = /celery[^/]*\.py$/.test(m.file) || [...cfgFiles].some((f) => m.file === f || m.file.endsWith(`/${f}`));
    for (const a of m.assignments) {
      const conf = /(^|\.)conf\.(\w+)$/.exec(a.target) ?? /(^|\.)conf\[["'](\w+)["']\]$/.exec(a.target);
      if (conf) add(conf[2], a.value, m, a.line);
      else if (a.scope === 'module' && /^CELERYD?_[A-Z_]+$/.test(a.target)) add(a.target, a.value, m, a.line);
      else if (a.scope === 'module' && isConfigModule && /^(task|worker)_[a-z_]+$/.test(a.target)) add(a.target, a.value, m, a.line);
    }
    for (const c of m.calls) {
      if (!/(^|\.)conf\.update$/.test(c.callee)) continue;
      for (const [k, v] of Object.entries(c.kwargs)) add(k, v, m, v.line);
      if (c.args[0]?.kind === 'dict') for (const e of c.args[0].entries ?? []) add(e.key, e.value, m, e.value.line);
    }
  }
  return out;
}

const CELERY_FLAGS = table<string>({
  '-c': 'concurrency',
  '--concurrency': 'concurrency',
  '--max-tasks-per-child': 'max_tasks_per_child',
  '--maxtasksperchild': 'max_tasks_per_child',
  '--max-memory-per-child': 'max_memory_per_child',
  '--prefetch-multiplier': 'prefetch_multiplier',
  '-Q': 'queues',
  '-P': 'pool',
  '--pool': 'pool',
  '--queues': 'queues',
});

/** The worker a statement starts, if any. A `celery beat` statement is a scheduler, not a worker. */
export function parseWorkerStatement(stmt: string): Omit<WorkerProcess, 'evidence' | 'production'> | undefined {
  let w = programWords(stmt);
  // `poetry run celery …`, `uv run celery …`, `python -m celery …` run the same program.
  if (/^(poetry|uv|pipenv|pdm|hatch|rye)$/.test(w[0] ?? '') && w[1] === 'run') w = w.slice(2);
  if (/(^|\/)python[\d.]*$/.test(w[0] ?? '') && w[1] === '-m') w = w.slice(2);
  const prog = (w[0] ?? '').replace(/^.*\//, '');
  if (prog === 'celery') {
    const at = w.findIndex((x) => x === 'worker' || x === 'multi');
    if (at < 0) return undefined;
    const flags: Record<string, string> = {};
    for (let i = 1; i < w.length; i++) {
      const eq = w[i].indexOf('=');
      const name = eq > 0 ? w[i].slice(0, eq) : w[i];
      const key = CELERY_FLAGS[name];
      if (!key) {
        if (/^-Q\S/.test(w[i])) flags.queues = w[i].slice(2);
        else if (/^-c\d/.test(w[i])) flags.concurrency = w[i].slice(2);
        continue;
      }
      const value = eq > 0 ? w[i].slice(eq + 1) : w[i + 1];
      if (value === undefined) continue;
      flags[key] = value;
      if (eq < 0) i++;
    }
    const queues = flags.queues ? flags.queues.split(',').map((q) => q.trim()).filter(Boolean) : null;
    delete flags.queues;
    return { framework: 'celery', queues, flags };
  }
  if (prog === 'rq' && w[1] === 'worker') {
    // `rq worker high default`: positional words are queue names; options take a value unless they are switches.
    const names = w.slice(2).filter((x, i, arr) => !x.startsWith('-') && !(arr[i - 1] ?? '').match(/^-(u|c|w|n|-url|-config|-name|-worker-class|-job-class|-queue-class|-path|-logging_level|-results-ttl|-worker-ttl|-serializer|-exception-handler|-pid|-sentry-dsn|-max-jobs|-max-idle-time)$/));
    return { framework: 'rq', queues: names.length > 0 ? names : null, flags: {} };
  }
  if (prog === 'dramatiq' || prog === 'dramatiq-gevent') {
    const flags: Record<string, string> = {};
    const p = w.findIndex((x) => x === '-p' || x === '--processes');
    if (p > 0 && w[p + 1]) flags.concurrency = w[p + 1];
    const q = w.findIndex((x) => x === '-Q' || x === '--queues');
    return { framework: 'dramatiq', queues: q > 0 ? w.slice(q + 1).filter((x) => !x.startsWith('-')) : null, flags };
  }
  return undefined;
}

function workerProcesses(facts: FactMap): WorkerProcess[] {
  const lines: { text: string; ev: Evidence; production: boolean }[] = [
    ...facts.startCommands.map((c) => ({ text: c.command, ev: c.evidence, production: c.production })),
    ...facts.startScripts.flatMap((s) => s.lines.filter((l) => l.evidence).map((l) => ({ text: l.text, ev: l.evidence!, production: !!s.production }))),
  ];
  const seen = new Map<string, WorkerProcess>();
  for (const l of lines) {
    for (const stmt of splitStatements(l.text)) {
      const p = parseWorkerStatement(stmt);
      if (!p) continue;
      const key = `${l.ev.file}:${l.ev.line}`;
      const prior = seen.get(key);
      if (prior) prior.production ||= l.production;
      else seen.set(key, { ...p, evidence: l.ev, production: l.production });
    }
  }
  return [...seen.values()];
}

function clusterImports(repo: RepoContext): Evidence[] {
  return [...repo.models.values()]
    .filter((m) => m.language !== 'python' && repo.file(m.file)?.role === 'app')
    .flatMap((m) => m.imports.filter((i) => /^(node:)?cluster$|^throng$/.test(i.module)).map((i) => repo.ev(m.file, i.line)));
}

export function collectWorkers(repo: RepoContext, facts: FactMap): WorkerFacts {
  const celeryApps = pythonModels(repo).flatMap((m) =>
    m.imports.some((i) => i.module === 'celery') ? m.calls.filter((c) => /^(celery\.)?Celery$/.test(c.callee)).map((c) => repo.ev(m.file, c.line)) : [],
  );
  // A worker started from Python code (`celery_app.worker_main([...])`) counts as a started worker.
  const inCode: WorkerProcess[] = pythonModels(repo).flatMap((m) =>
    m.calls.filter((c) => c.name === 'worker_main').map((c) => ({ framework: 'celery' as const, evidence: repo.ev(m.file, c.line), production: true, queues: null, flags: {} })),
  );
  return { celerySettings: celerySettings(repo), celeryApps, processes: [...workerProcesses(facts), ...inCode], queueUses: collectQueueUses(repo), brokers: collectBrokers(repo), clusterImports: clusterImports(repo) };
}
