/**
 * What production runs, read from start commands and start-script lines: worker processes (with
 * their Celery app module and concurrency), the migration step, and web servers. The runbook,
 * the inventory and the scaling notes all read the same lines, so they never disagree.
 */
import type { Evidence } from '../core/evidence.js';
import type { ReportFacts } from './report-facts.js';

export interface StartLine {
  text: string;
  evidence: Evidence;
  /** Ends with a single `&`: it runs in the background of another process's start script. */
  background: boolean;
  /** The command that runs this line (a Dockerfile CMD running start.sh); absent for a platform's own declaration. */
  via?: Evidence;
  process?: string;
}

export interface WorkerLine {
  framework: 'celery' | 'rq' | 'dramatiq';
  role: 'worker' | 'beat';
  command: string;
  app: string | null;
  concurrency: string | null;
  background: boolean;
  evidence: Evidence;
  via?: Evidence;
}

export function startLines(f: Pick<ReportFacts, 'startCommands' | 'startScripts'>): StartLine[] {
  const out: StartLine[] = [];
  for (const c of f.startCommands) {
    if (!c.production) continue;
    out.push({ text: c.command, evidence: c.evidence, background: isBackground(c.command), ...(c.via ? { via: c.via } : {}), ...(c.process ? { process: c.process } : {}) });
  }
  for (const s of f.startScripts) {
    if (!s.production) continue;
    for (const l of s.lines) {
      const evidence = l.evidence ?? { file: s.file, line: l.line, snippet: l.text };
      out.push({ text: l.text, evidence, background: isBackground(l.text), ...(s.via ? { via: s.via } : {}) });
    }
  }
  return out;
}

function isBackground(cmd: string): boolean {
  return /(^|[^&])&\s*$/.test(cmd.trim());
}

/** `-A app.worker` / `--app=app.worker` / `--app app.worker` */
function optionValue(cmd: string, short: string, long: string): string | null {
  const m = new RegExp(`(?:^|\\s)(?:-${short}|--${long})(?:\\s+|=)("[^"]+"|'[^']+'|\\S+)`).exec(cmd);
  return m ? m[1].replace(/^["']|["']$/g, '') : null;
}

export function workerLines(lines: readonly StartLine[]): WorkerLine[] {
  const out: WorkerLine[] = [];
  for (const l of lines) {
    const base = { command: l.text.replace(/\s*&\s*$/, ''), background: l.background, evidence: l.evidence, ...(l.via ? { via: l.via } : {}) };
    const celery = /\bcelery\b.*?\b(worker|beat)\b/.exec(l.text);
    if (celery) {
      out.push({ framework: 'celery', role: celery[1] as 'worker' | 'beat', app: optionValue(l.text, 'A', 'app'), concurrency: optionValue(l.text, 'c', 'concurrency'), ...base });
    } else if (/\brq\s+worker\b/.test(l.text)) {
      out.push({ framework: 'rq', role: 'worker', app: null, concurrency: null, ...base });
    } else if (/\bdramatiq\s+\S/.test(l.text)) {
      out.push({ framework: 'dramatiq', role: 'worker', app: null, concurrency: optionValue(l.text, 'p', 'processes'), ...base });
    }
  }
  return out;
}

/** The Celery app module a start command names; a worker's, else a beat's. */
export function celeryApp(workers: readonly WorkerLine[]): string | null {
  const named = workers.filter((w) => w.framework === 'celery' && w.app);
  return (named.find((w) => w.role === 'worker') ?? named[0])?.app ?? null;
}

const MIGRATE = /\balembic\s+upgrade\b|\bprisma\s+migrate\s+deploy\b|\bmanage\.py\s+migrate\b|\bmigrat(e|ion|ions)\b/;

/**
 * The production migration step. A platform's own declaration (a release command) comes before the
 * package script it runs, because that is the command an operator re-runs.
 */
export function migrationLine(lines: readonly StartLine[]): StartLine | null {
  const found = lines.filter((l) => MIGRATE.test(l.text) && !/^\s*echo\b/.test(l.text));
  return found.find((l) => !l.via && !l.evidence.file.endsWith('package.json')) ?? found[0] ?? null;
}

export interface ServerLine {
  server: 'uvicorn' | 'gunicorn' | 'hypercorn';
  /** Processes per container: the --workers value, or 1 when none is given. */
  workers: string;
  evidence: Evidence;
}

export function serverLines(lines: readonly StartLine[]): ServerLine[] {
  const out: ServerLine[] = [];
  for (const l of lines) {
    const m = /\b(uvicorn|gunicorn|hypercorn)\b/.exec(l.text);
    if (!m || /^\s*echo\b/.test(l.text)) continue;
    const workers = optionValue(l.text, 'w', 'workers');
    out.push({ server: m[1] as ServerLine['server'], workers: workers ?? '1', evidence: l.evidence });
  }
  return out;
}
