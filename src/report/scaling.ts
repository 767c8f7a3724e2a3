/**
 * Scaling notes and triggers. Notes are computed from the facts: the database connection budget per
 * process, how many server processes a replica runs, worker concurrency, and processes that cannot
 * be scaled apart. Triggers come from stack knowledge, with the detected platform's commands.
 */
import type { Evidence } from '../core/evidence.js';
import { ENGINES } from './knowledge/engines.js';
import type { PlatformOps } from './knowledge/platforms.js';
import { TRIGGERS } from './knowledge/scaling.js';
import { serverLines, workerLines, type StartLine } from './processes.js';
import type { ReportFacts } from './report-facts.js';
import type { Run } from './schema.js';
import type { RunScaling } from './schema-sections.js';

export interface ScalingInput {
  stack: Run['stack'];
  facts: Pick<ReportFacts, 'dbEngines' | 'tasks'>;
  lines: readonly StartLine[];
  ops: PlatformOps | null;
}

export function buildScaling(input: ScalingInput): RunScaling | undefined {
  const notes = [...poolNotes(input), ...processNotes(input)];
  const ids = new Set(input.stack.map((s) => s.id));
  const triggers: RunScaling['triggers'] = [];
  for (const t of TRIGGERS) {
    const component = t.stacks.find((s) => ids.has(s));
    if (!component) continue;
    const watch = t.watch(input.ops);
    triggers.push({ component, signal: t.signal, ...(watch ? { watch } : {}), action: t.action(input.ops) });
  }
  if (notes.length === 0 && triggers.length === 0) return undefined;
  return { platform: input.ops ? { id: input.ops.id, title: input.ops.title } : null, notes, triggers };
}

function poolNotes({ facts }: ScalingInput): RunScaling['notes'] {
  const out: RunScaling['notes'] = [];
  for (const e of facts.dbEngines) {
    const k = ENGINES[e.kind];
    // NullPool, SQLite files and options we could not read say nothing about the budget.
    if (!k || e.poolNotApplicable !== null || e.poolOptions.includes('**')) continue;
    const sized = e.poolOptions.filter((o) => k.sizeOptions.includes(o));
    if (sized.length === 0 && k.defaultMax !== null) {
      out.push({
        text: `Database connections: ${where(e.evidence)} uses ${k.title}'s default pool (${k.defaultText}). Replicas × processes per replica × ${k.defaultMax} must stay below the database's \`max_connections\`, workers included when they import the same engine.`,
        evidence: [e.evidence],
      });
    } else if (sized.length > 0) {
      out.push({ text: `Database connections: ${where(e.evidence)} sizes its pool (${sized.join(', ')}). Replicas × processes per replica × that size must stay below the database's \`max_connections\`.`, evidence: [e.evidence] });
    }
  }
  return out;
}

function processNotes({ facts, lines, ops }: ScalingInput): RunScaling['notes'] {
  const out: RunScaling['notes'] = [];
  for (const s of serverLines(lines)) {
    const reload = /--reload\b/.test(s.evidence.snippet);
    if (s.workers === '1') {
      out.push({
        text: `Web processes: ${where(s.evidence)} starts ${s.server} with one process${reload ? ' (with --reload, which also ignores --workers)' : ' (no --workers; WEB_CONCURRENCY may still set it)'}: each replica serves Python code on one CPU core, so throughput grows only with replicas.`,
        evidence: [s.evidence],
      });
    } else {
      out.push({ text: `Web processes: ${where(s.evidence)} starts ${s.server} with ${s.workers} worker processes per replica; each process has its own database pool.`, evidence: [s.evidence] });
    }
  }
  for (const w of workerLines(lines)) {
    if (w.role !== 'worker') continue;
    const evidence = [w.evidence, ...(w.via ? [w.via] : [])];
    const conc = w.concurrency && /^\d+$/.test(w.concurrency) ? `runs ${w.concurrency} tasks at a time per replica (\`--concurrency=${w.concurrency}\`, a literal)` : 'runs one task per CPU core by default (no --concurrency)';
    out.push({ text: `Task workers: ${where(w.evidence)} ${conc}.`, evidence });
    if (w.background) {
      out.push({
        text: `The ${w.framework === 'celery' ? 'Celery' : w.framework} worker starts in the background of the web service's start script (${where(w.evidence)}): adding web replicas adds workers, and the two cannot be scaled apart. Before scaling, run it as ${ops ? ops.separateProcess(w.command) : `a process of its own (\`${w.command}\`)`}.`,
        evidence,
      });
    }
  }
  for (const t of facts.tasks) {
    if (t.framework !== 'bullmq' && t.framework !== 'bull') continue;
    out.push({ text: `Task workers: the BullMQ Worker at ${where(t.evidence)} runs in every process that imports its module; if that is the web process, web replicas and job throughput scale together.`, evidence: [t.evidence] });
  }
  return out;
}

function where(e: Evidence): string {
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}
