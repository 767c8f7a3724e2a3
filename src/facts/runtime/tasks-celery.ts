/**
 * Celery tasks and the limits that bound them. A task is limited by its own decorator options
 * (`time_limit=` / `soft_time_limit=`), by app-wide configuration (`conf.update(task_time_limit=…)`,
 * `conf.task_time_limit = …`, a celeryconfig module, Django's `CELERY_TASK_TIME_LIMIT`), or by the
 * worker command line (`--time-limit` / `--soft-time-limit`). Dramatiq actors are listed too: they
 * carry Dramatiq's default 10-minute time limit unless told otherwise.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, Value } from '../code/model.js';
import type { FactMap, TaskDef } from '../fact-map.js';
import type { RepoContext } from '../repo.js';

const LIMIT_KEYS = /^(task_time_limit|task_soft_time_limit|CELERYD_TASK_TIME_LIMIT|CELERYD_TASK_SOFT_TIME_LIMIT|CELERY_TASK_TIME_LIMIT|CELERY_TASK_SOFT_TIME_LIMIT)$/;

const isLimit = (v: Value | undefined) => !!v && v.kind !== 'none' && !(v.kind === 'number' && Number(v.value) === 0);

function pythonModels(repo: RepoContext): CodeModel[] {
  return [...repo.models.values()].filter((m) => m.language === 'python' && repo.file(m.file)?.role === 'app');
}

/** App-wide Celery time limits: configuration in code, or worker command-line flags. */
export function celeryGlobalLimits(repo: RepoContext, facts: FactMap): Evidence[] {
  const out: Evidence[] = [];
  for (const m of pythonModels(repo)) {
    for (const a of m.assignments) {
      const key = a.target.replace(/^.*\.conf\./, '').replace(/^.*\.conf\[["'](.+)["']\]$/, '$1');
      if ((LIMIT_KEYS.test(key) || LIMIT_KEYS.test(a.target)) && isLimit(a.value)) out.push(repo.ev(m.file, a.line, { note: 'app-wide Celery time limit' }));
    }
    for (const c of m.calls) {
      if (!/\.conf\.update$|\.conf\.setdefault$/.test(c.callee) && c.callee !== 'conf.update') continue;
      const dict = c.args[0]?.kind === 'dict' ? c.args[0].entries ?? [] : [];
      const hit = Object.entries(c.kwargs).some(([k, v]) => LIMIT_KEYS.test(k) && isLimit(v)) || dict.some((e) => LIMIT_KEYS.test(e.key) && isLimit(e.value));
      if (hit) out.push(repo.ev(m.file, c.line, { endLine: c.endLine, note: 'app-wide Celery time limit' }));
    }
  }
  // `celery -A app worker --time-limit=300` in a production start command or start-script line.
  // If start commands could not be computed, the rules reading them report the error; the code-level
  // limits above still stand (markers feed many rules and must not fail with them).
  let lines: { text: string; ev: Evidence }[] = [];
  try {
    lines = [
      ...facts.startCommands.filter((c) => c.production).map((c) => ({ text: c.command, ev: c.evidence })),
      ...facts.startScripts.filter((s) => s.production).flatMap((s) => s.lines.map((l) => ({ text: l.text, ev: repo.ev(s.file, l.line) }))),
    ];
  } catch {
    lines = [];
  }
  for (const l of lines) {
    if (/\bcelery\b/.test(l.text) && /\bworker\b/.test(l.text) && /(^|\s)--(soft-)?time-limit[=\s]+\d/.test(l.text)) out.push({ ...l.ev, note: 'worker --time-limit' });
  }
  return out;
}

export function celeryTasks(repo: RepoContext, facts: FactMap): TaskDef[] {
  const models = pythonModels(repo);
  const usesCelery = models.some((m) => m.imports.some((i) => i.module === 'celery' || i.module.startsWith('celery.')));
  const usesDramatiq = models.some((m) => m.imports.some((i) => i.module === 'dramatiq'));
  if (!usesCelery && !usesDramatiq) return [];
  const apps = new Set<string>(['celery', 'celery_app', 'app']);
  for (const m of models) for (const a of m.assignments) if (a.value.kind === 'call' && /^(celery\.)?Celery$/.test(a.value.callee ?? '')) apps.add(a.target.replace(/^.*\./, ''));
  let global: Evidence[] | undefined;
  const out: TaskDef[] = [];
  for (const m of models) {
    const importsShared = m.imports.some((i) => i.module === 'celery' && i.names.includes('shared_task'));
    for (const fn of m.functions) {
      for (const d of fn.decorators) {
        const callee = d.kind === 'call' ? (d.callee ?? '') : d.text;
        const call = d.kind === 'call' && d.call !== undefined ? m.calls[d.call] : undefined;
        const obj = callee.slice(0, Math.max(0, callee.lastIndexOf('.')));
        const isCelery = usesCelery && ((callee === 'shared_task' && importsShared) || callee === 'celery.shared_task' || (callee.endsWith('.task') && apps.has(obj.replace(/^.*\./, ''))));
        const isDramatiq = usesDramatiq && (callee === 'dramatiq.actor' || (callee === 'actor' && m.imports.some((i) => i.module === 'dramatiq' && i.names.includes('actor'))));
        if (!isCelery && !isDramatiq) continue;
        const name = call?.kwargs.name?.kind === 'string' ? (call.kwargs.name.value ?? fn.name) : fn.name;
        const own = call && (isLimit(call.kwargs.time_limit) || isLimit(call.kwargs.soft_time_limit));
        let timeLimit: Evidence | null = own ? repo.ev(m.file, d.line, { note: 'time limit set on the task' }) : null;
        if (!timeLimit && isDramatiq) timeLimit = repo.ev(m.file, d.line, { note: "Dramatiq's default time limit (10 minutes) applies" });
        if (!timeLimit && isCelery) {
          global ??= celeryGlobalLimits(repo, facts);
          if (global.length > 0) timeLimit = global[0];
        }
        const options = call ? Object.fromEntries(Object.entries(call.kwargs).map(([k, v]) => [k, v.text])) : {};
        out.push({ framework: isCelery ? 'celery' : 'dramatiq', name, evidence: repo.ev(m.file, d.line), timeLimit, options });
      }
    }
  }
  return out;
}
