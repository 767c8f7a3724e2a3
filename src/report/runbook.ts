/**
 * The runbook: the knowledge entries that apply to the detected components, with commands for the
 * detected platform, plus notes the facts add for this repository (a migration in a start script
 * without `set -e`, a worker started in the background of the web container, a pool left at its
 * defaults, model routes without a rate limit).
 */
import type { Evidence } from '../core/evidence.js';
import { ENGINES } from './knowledge/engines.js';
import type { PlatformOps } from './knowledge/platforms.js';
import { RUNBOOK, type RunbookCtx } from './knowledge/runbook.js';
import { celeryApp, migrationLine, workerLines, type StartLine } from './processes.js';
import type { ReportFacts } from './report-facts.js';
import type { Run } from './schema.js';
import type { RunRunbook } from './schema-sections.js';

type Note = RunRunbook['entries'][number]['notes'][number];

export interface RunbookInput {
  stack: Run['stack'];
  facts: ReportFacts;
  lines: readonly StartLine[];
  ops: PlatformOps | null;
  envVars: Run['inventory']['envVars'];
}

export function buildRunbook(input: RunbookInput): RunRunbook | undefined {
  const { facts, lines, ops, stack } = input;
  const stackIds = new Set(stack.map((s) => s.id));
  const workers = workerLines(lines);
  const migration = migrationLine(lines);
  const ctx: RunbookCtx = {
    ops,
    stackIds,
    celeryApp: celeryApp(workers),
    dbKinds: [...new Set(facts.dbEngines.map((e) => e.kind))],
    python: [...facts.appEntries, ...facts.llmClients, ...facts.dbEngines].some((x) => x.evidence.file.endsWith('.py')),
    providers: [...new Set(facts.llmClients.map((c) => c.provider as string))],
    migrationCommand: migration ? migration.text.replace(/\s*&\s*$/, '') : null,
  };
  const entries: RunRunbook['entries'] = [];
  for (const def of RUNBOOK) {
    const because = def.stacks.filter((s) => stackIds.has(s));
    if (def.stacks.length > 0 && because.length === 0) continue;
    if (def.when && !def.when(ctx)) continue;
    const body = def.build(ctx);
    const notes = notesFor(def.id, input, migration);
    const evidence = because.map((id) => stack.find((s) => s.id === id)?.evidence[0]).filter((e): e is Evidence => e !== undefined);
    if (def.stacks.length === 0 && migration) evidence.push(migration.evidence);
    entries.push({ id: def.id, title: def.title, because: because.length ? because : ['start command'], ...body, notes, evidence });
  }
  return entries.length ? { platform: ops ? { id: ops.id, title: ops.title, prerequisites: ops.prerequisites } : null, entries } : undefined;
}

function notesFor(id: string, input: RunbookInput, migration: StartLine | null): Note[] {
  const { facts, lines, ops } = input;
  const notes: Note[] = [];
  if (id === 'database-pool-exhausted') {
    for (const e of facts.dbEngines) {
      const k = ENGINES[e.kind];
      if (!k || e.poolNotApplicable !== null || e.poolOptions.includes('**')) continue;
      if (!e.poolOptions.some((o) => k.sizeOptions.includes(o))) notes.push({ text: `${where(e.evidence)} sets no pool size, so ${k.title}'s defaults apply: ${k.defaultText}.`, evidence: [e.evidence] });
    }
  }
  if (id === 'celery-worker-stuck') {
    const workers = workerLines(lines).filter((w) => w.framework === 'celery' && w.role === 'worker');
    for (const w of workers.filter((x) => x.background)) {
      notes.push({
        text: `The worker starts in the background of ${where(w.evidence)}${w.via ? ` (run by ${where(w.via)})` : ''}, inside the web service: if it crashes nothing restarts it while the API stays up, so restart the whole service${ops ? ` (\`${ops.restart}\`)` : ''}.`,
        evidence: [w.evidence, ...(w.via ? [w.via] : [])],
      });
    }
    const celeryTasks = facts.tasks.filter((t) => t.framework === 'celery');
    if (workers.length === 0 && celeryTasks.length > 0) {
      notes.push({ text: `No production start command in the repository starts a Celery worker, yet ${celeryTasks.length} task(s) are defined (first at ${where(celeryTasks[0].evidence)}).`, evidence: [celeryTasks[0].evidence] });
    }
  }
  if (id.startsWith('migrations-failed') && migration) {
    const script = facts.startScripts.find((s) => s.file === migration.evidence.file);
    if (script && !script.setE) {
      notes.push({ text: `\`${migration.text}\` runs in ${where(migration.evidence)}, a script without \`set -e\`: when the migration fails the script goes on and starts the app on the old schema.`, evidence: [migration.evidence] });
    }
    const release = facts.startCommands.find((c) => c.production && c.process === 'release' && sameLine(c.evidence, migration.evidence));
    if (release && release.source === 'fly') {
      notes.push({ text: `${where(release.evidence)} runs \`${release.command}\` as Fly's release command: when it fails the deploy stops and the previous release keeps serving.`, evidence: [release.evidence] });
    }
  }
  if (id === 'provider-rate-limit') {
    const open = facts.routes.filter((r) => r.llmCalls.length > 0 && r.rateLimit === null);
    if (open.length) notes.push({ text: `${open.length === 1 ? '1 route calls' : `${open.length} routes call`} the model with no rate limit: ${open.map((r) => `${r.method} ${r.path} (${where(r.evidence)})`).join(', ')}.`, evidence: open.map((r) => r.evidence) });
  }
  if (id === 'redis-connection-lost') {
    const urls = input.envVars.filter((v) => /REDIS/i.test(v.name));
    if (urls.length) notes.push({ text: `The app reads its Redis location from ${urls.map((v) => `\`${v.name}\` (${v.readAt.map(where).slice(0, 2).join(', ')})`).join(', ')}: check it points at the running Redis.`, evidence: urls.flatMap((v) => v.readAt.slice(0, 1)) });
  }
  return notes;
}

function where(e: Evidence): string {
  return e.line > 0 ? `${e.file}:${e.line}` : e.file;
}

function sameLine(a: Evidence, b: Evidence): boolean {
  return a.file === b.file && a.line === b.line;
}
