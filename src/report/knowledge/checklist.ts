/**
 * Standard launch-checklist items per detected stack: operational steps a static audit cannot
 * verify (a restore test, a budget, a rollback rehearsal). Items a check can verify are not here:
 * the check's outcome puts them on the checklist, done or open.
 */
import type { PhaseId } from './effort.js';
import type { PlatformOps, Step } from './platforms.js';

export interface StandardItemDef {
  /** Every one of these stack ids must be detected. */
  stacks: string[];
  phase: PhaseId;
  /** The step; a platform-dependent step is built from the detected platform's operations. */
  step: (ops: PlatformOps | null) => Step;
  /** A check whose pass means the item is done (and whose failure already puts it on the list). */
  coveredBy?: string;
}

const pgShell = (ops: PlatformOps | null) => ops?.postgresShell ?? 'psql "$DATABASE_URL"';
const redisShell = (ops: PlatformOps | null) => ops?.redisShell ?? 'redis-cli -u "$REDIS_URL"';
const rehearse = (ops: PlatformOps | null): Step => ({ ...(ops?.rollback ?? { text: '' }), text: `Rehearse a rollback once before launch: ${(ops?.rollback.text ?? '').replace(/^./, (c) => c.toLowerCase())}` });

export const STANDARD_ITEMS: readonly StandardItemDef[] = [
  { stacks: ['postgres'], phase: 'pre-launch', step: () => ({ text: 'Restore the latest database backup into a scratch database and check the main tables, so the restore path is known to work' }) },
  { stacks: ['postgres'], phase: 'first-week', step: (ops) => ({ text: 'Compare peak connections with `SHOW max_connections`', command: 'SELECT count(*) FROM pg_stat_activity;', shell: pgShell(ops) }) },
  { stacks: ['postgres'], phase: 'first-month', step: () => ({ text: 'Review the slowest queries (the `pg_stat_statements` view, where the provider enables it) and index what they filter on' }) },
  { stacks: ['redis', 'celery'], phase: 'pre-launch', step: (ops) => ({ text: 'Check Redis will not evict queued tasks under memory pressure: `maxmemory_policy` should be `noeviction`', command: 'INFO memory', shell: redisShell(ops) }) },
  { stacks: ['redis', 'bullmq'], phase: 'pre-launch', step: (ops) => ({ text: 'Check Redis will not evict queued jobs under memory pressure: BullMQ needs `maxmemory_policy` `noeviction`', command: 'INFO memory', shell: redisShell(ops) }) },
  { stacks: ['redis'], phase: 'first-week', step: (ops) => ({ text: 'Watch Redis memory against its limit (`used_memory_human` vs `maxmemory_human`)', command: 'INFO memory', shell: redisShell(ops) }) },
  { stacks: ['celery'], phase: 'pre-launch', step: () => ({ text: 'Stop the worker in the middle of a task once (a deploy does this) and check the task is retried or reported as failed, not silently lost' }) },
  { stacks: ['celery', 'redis'], phase: 'first-week', step: (ops) => ({ text: 'Check daily that the default queue drains (`celery` unless tasks are routed elsewhere)', command: 'LLEN celery', shell: redisShell(ops) }) },
  { stacks: ['bullmq', 'redis'], phase: 'first-week', step: (ops) => ({ text: 'Check failed jobs daily (default key prefix `bull`)', command: 'ZCARD bull:<queue>:failed', shell: redisShell(ops) }) },
  { stacks: ['alembic'], phase: 'pre-launch', step: () => ({ text: 'On a copy of the production database run `alembic upgrade head`, `alembic downgrade -1`, then `alembic upgrade head` again, so the newest revision is known to apply and to undo' }) },
  { stacks: ['prisma'], phase: 'pre-launch', step: () => ({ text: 'Check production has no pending or failed migrations before the first deploy', command: 'npx prisma migrate status' }) },
  { stacks: ['openai'], phase: 'pre-launch', step: () => ({ text: 'Set a monthly budget and usage alerts for the project in the OpenAI dashboard' }) },
  { stacks: ['anthropic'], phase: 'pre-launch', step: () => ({ text: 'Set a spend limit for the workspace in the Anthropic Console' }) },
  { stacks: ['groq'], phase: 'pre-launch', step: () => ({ text: 'Check the rate limits of your Groq plan against the expected peak traffic' }) },
  { stacks: ['railway'], phase: 'pre-launch', step: rehearse },
  { stacks: ['fly'], phase: 'pre-launch', step: rehearse },
  { stacks: ['render'], phase: 'pre-launch', step: rehearse },
  { stacks: ['fly'], phase: 'pre-launch', step: () => ({ text: 'Run at least two Machines so a host failure or a deploy does not take the app down', command: 'fly scale count 2' }) },
  { stacks: ['docker'], phase: 'pre-launch', step: () => ({ text: 'Scan the production image for known vulnerabilities', command: 'docker scout cves <image>' }) },
  { stacks: ['github-actions'], phase: 'pre-launch', step: () => ({ text: 'Protect the default branch: require the CI workflow to pass before merging (repository Settings → Rules or Branches)' }) },
  {
    stacks: ['fastapi'],
    phase: 'pre-launch',
    coveredBy: 'api-docs-public',
    step: () => ({ text: 'Decide whether `/docs`, `/redoc` and `/openapi.json` stay public in production; `FastAPI(docs_url=None, redoc_url=None, openapi_url=None)` turns them off' }),
  },
];
