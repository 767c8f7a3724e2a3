/**
 * Runbook entries for common production incidents, keyed by the stack ids that make them possible.
 * Each entry gives symptoms, how to diagnose and how to fix, with commands built through the
 * detected platform's operations (platforms.ts), so they run where the app runs.
 */
import { ENGINES } from './engines.js';
import type { PlatformOps, Step } from './platforms.js';
import { PROVIDERS } from './providers.js';

export interface RunbookCtx {
  ops: PlatformOps | null;
  stackIds: ReadonlySet<string>;
  /** The Celery app module from a start command (`-A app.worker.celery_app`), when one names it. */
  celeryApp: string | null;
  /** DbEngine kinds found in the code. */
  dbKinds: string[];
  /** The app code is Python (error class names differ per SDK language). */
  python: boolean;
  /** LLM providers the code has clients for. */
  providers: string[];
  /** The production command that applies migrations, when one does (`npm run migrate`). */
  migrationCommand: string | null;
}

export interface RunbookBody {
  symptoms: string[];
  diagnose: Step[];
  fix: Step[];
}

export interface RunbookDef {
  id: string;
  title: string;
  /** The entry applies when any of these stack ids is detected. */
  stacks: string[];
  /** Further condition on the facts (a migration command for the generic migration entry). */
  when?: (ctx: RunbookCtx) => boolean;
  build(ctx: RunbookCtx): RunbookBody;
}

/** Where the app runs: through the platform when one is detected, else on the host itself. */
const run = (ctx: RunbookCtx, cmd: string) => (ctx.ops ? ctx.ops.exec(cmd) : cmd);
const logs = (ctx: RunbookCtx): Step[] => (ctx.ops ? [{ text: 'Read the recent logs', command: ctx.ops.logs }] : []);
const restart = (ctx: RunbookCtx, what: string): Step[] => (ctx.ops ? [{ text: `Restart ${what}`, command: ctx.ops.restart }] : []);
const rollback = (ctx: RunbookCtx): Step[] => (ctx.ops ? [{ ...ctx.ops.rollback, text: `Roll the app back if the new release is the cause: ${lower(ctx.ops.rollback.text)}` }] : []);
const pg = (ctx: RunbookCtx) => ctx.ops?.postgresShell ?? 'psql "$DATABASE_URL"';
const redis = (ctx: RunbookCtx) => ctx.ops?.redisShell ?? 'redis-cli -u "$REDIS_URL"';
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const POSTGRES_POOL: RunbookDef = {
  id: 'database-pool-exhausted',
  title: 'Database connection pool exhausted',
  stacks: ['postgres'],
  build: (ctx) => {
    const engines = ctx.dbKinds.map((k) => ENGINES[k]).filter((e) => e !== undefined);
    return {
      symptoms: [
        ...engines.map((e) => `${e.title}: ${e.exhaustedSymptom}`),
        'Postgres refuses new connections with `FATAL: sorry, too many clients already` or `remaining connection slots are reserved`',
      ],
      diagnose: [
        { text: 'Count connections by state', command: 'SELECT state, count(*) FROM pg_stat_activity GROUP BY state;', shell: pg(ctx) },
        { text: 'Compare with the server limit', command: 'SHOW max_connections;', shell: pg(ctx) },
        {
          text: 'Find the oldest open transactions',
          command: 'SELECT pid, now() - xact_start AS open_for, state, left(query, 80) AS query FROM pg_stat_activity WHERE xact_start IS NOT NULL ORDER BY open_for DESC LIMIT 10;',
          shell: pg(ctx),
        },
        ...logs(ctx),
      ],
      fix: [
        {
          text: 'End sessions left idle inside a transaction for more than 5 minutes',
          command: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle in transaction' AND now() - state_change > interval '5 minutes';",
          shell: pg(ctx),
        },
        ...restart(ctx, 'the app to release its pools'),
        ...engines.map((e) => ({ text: `Size the pool so replicas × processes × connections per process stays below max_connections: ${e.sizeFix}` })),
      ],
    };
  },
};

const CELERY_WORKER: RunbookDef = {
  id: 'celery-worker-stuck',
  title: 'Celery worker stuck or crashed',
  stacks: ['celery'],
  build: (ctx) => {
    const app = ctx.celeryApp ?? '<celery-app-module>';
    return {
      symptoms: [
        'Work the API queued never completes (a status that stays pending, an email never sent)',
        'The worker log goes quiet, or shows `WorkerLostError: Worker exited prematurely: signal 9 (SIGKILL)` (a child was killed, usually for memory)',
        'Tasks run far longer than usual and hold every worker slot',
      ],
      diagnose: [
        ...logs(ctx),
        { text: 'Check that workers answer', command: run(ctx, `celery -A ${app} inspect ping`) },
        { text: 'See what each worker is running now', command: run(ctx, `celery -A ${app} inspect active`) },
        { text: 'See tasks workers hold but have not started', command: run(ctx, `celery -A ${app} inspect reserved`) },
        ...(ctx.stackIds.has('redis')
          ? [{ text: 'Count tasks waiting in the default queue (named `celery` unless tasks are routed elsewhere)', command: 'LLEN celery', shell: redis(ctx) }]
          : []),
      ],
      fix: [
        ...restart(ctx, 'the worker'),
        { text: 'Bound every task so a hung one frees its slot: `task_soft_time_limit` and `task_time_limit` in the Celery config' },
        { text: 'Recycle worker children to contain leaks (`--max-tasks-per-child=100`) and lower `--concurrency` if the platform kills the worker for memory' },
        { text: 'Let tasks survive a killed worker: `task_acks_late=True` with `task_reject_on_worker_lost=True` (the tasks must be safe to run twice)' },
      ],
    };
  },
};

const BULLMQ_WORKER: RunbookDef = {
  id: 'bullmq-jobs-stuck',
  title: 'BullMQ jobs stuck or failing',
  stacks: ['bullmq'],
  build: (ctx) => ({
    symptoms: [
      'Jobs pile up in `wait` and nothing is processed: no process is running the Worker, or it lost Redis',
      'Jobs fail with `job stalled more than allowable limit`: the process running them died or blocked its event loop',
    ],
    diagnose: [
      ...logs(ctx),
      { text: 'List the queues (default key prefix `bull`)', command: 'SCAN 0 MATCH bull:*:wait COUNT 1000', shell: redis(ctx) },
      { text: 'Count waiting, active and failed jobs of a queue', command: 'LLEN bull:<queue>:wait\nLLEN bull:<queue>:active\nZCARD bull:<queue>:failed', shell: redis(ctx) },
    ],
    fix: [
      ...restart(ctx, 'the process that runs the Worker'),
      { text: 'Jobs that were active when a Worker died go back to `wait` through the stalled-job check of the next running Worker (up to `maxStalledCount`, default 1), then fail' },
      { text: 'Retry failed jobs once the cause is fixed: `await queue.retryJobs({ state: "failed" })`' },
    ],
  }),
};

const REDIS_LOST: RunbookDef = {
  id: 'redis-connection-lost',
  title: 'Redis connection lost',
  stacks: ['redis'],
  build: (ctx) => ({
    symptoms: [
      ctx.python
        ? '`redis.exceptions.ConnectionError: Error 111 connecting to …. Connection refused.` (or `Timeout connecting to server`)'
        : '`Error: connect ECONNREFUSED …:6379` or `connect ETIMEDOUT` in the logs',
      ...(ctx.stackIds.has('celery') ? ['Celery logs `consumer: Cannot connect to redis://…` and retries'] : []),
      "Writes fail with `OOM command not allowed when used memory > 'maxmemory'` when Redis is full",
    ],
    diagnose: [
      { text: 'Check that Redis answers `PONG`', command: 'PING', shell: redis(ctx) },
      { text: 'Check memory against the limit and the eviction policy (`used_memory_human`, `maxmemory_human`, `maxmemory_policy`)', command: 'INFO memory', shell: redis(ctx) },
      { text: 'Check connected clients against `maxclients`', command: 'INFO clients', shell: redis(ctx) },
      ...logs(ctx),
    ],
    fix: [
      ...restart(ctx, 'the app once Redis answers again, if its clients do not reconnect on their own'),
      { text: 'If Redis is full: raise its memory, give cache keys a TTL, and keep `maxmemory-policy noeviction` where Redis holds queued jobs' },
      {
        text: ctx.python
          ? 'Make calls fail fast instead of hanging: `socket_connect_timeout=5, socket_timeout=5` on the redis-py client'
          : 'Make calls fail fast instead of hanging: `connectTimeout` on the client, and an `error` listener so connection errors are logged',
      },
    ],
  }),
};

const ALEMBIC: RunbookDef = {
  id: 'migrations-failed-alembic',
  title: 'Migrations failed on deploy (Alembic)',
  stacks: ['alembic'],
  build: (ctx) => ({
    symptoms: [
      'The deploy fails, or the app stops at start, with an Alembic error: `Multiple head revisions are present`, `Can\'t locate revision identified by …`',
      'Requests fail with `relation "…" does not exist` or `column … does not exist`: the code expects a revision that did not run',
    ],
    diagnose: [
      ...logs(ctx),
      { text: 'Show the revision the database is at', command: run(ctx, 'alembic current') },
      { text: 'Show the head revision(s) of the code (more than one is a split history)', command: run(ctx, 'alembic heads') },
      { text: 'Show the history with the current revision marked', command: run(ctx, 'alembic history --indicate-current') },
    ],
    fix: [
      { text: 'Several heads: merge them in the repository, commit the merge revision and deploy it', command: 'alembic merge -m "merge heads" heads' },
      { text: 'Apply the pending revisions', command: run(ctx, 'alembic upgrade head') },
      { text: 'Undo the newest revision if it is the cause (its `downgrade()` must be written)', command: run(ctx, 'alembic downgrade -1') },
      ...rollback(ctx),
    ],
  }),
};

const PRISMA: RunbookDef = {
  id: 'migrations-failed-prisma',
  title: 'Migrations failed on deploy (Prisma)',
  stacks: ['prisma'],
  build: (ctx) => ({
    symptoms: [
      '`prisma migrate deploy` stops with `P3009` (a failed migration blocks the next ones) or `P3018` (a migration failed to apply)',
      'Queries fail with `P2021` (table does not exist) or `P2022` (column does not exist)',
    ],
    diagnose: [...logs(ctx), { text: 'Show applied, pending and failed migrations', command: run(ctx, 'npx prisma migrate status') }],
    fix: [
      { text: 'After repairing the database by hand, mark the failed migration rolled back', command: run(ctx, 'npx prisma migrate resolve --rolled-back <migration-name>') },
      { text: 'Apply the pending migrations', command: run(ctx, 'npx prisma migrate deploy') },
      ...rollback(ctx),
    ],
  }),
};

/** For other migration tools: the start path's own migration command, as the facts give it. */
const MIGRATION_COMMAND: RunbookDef = {
  id: 'migrations-failed',
  title: 'Migrations failed on deploy',
  stacks: [],
  when: (ctx) => ctx.migrationCommand !== null && !ctx.stackIds.has('alembic') && !ctx.stackIds.has('prisma'),
  build: (ctx) => ({
    symptoms: [
      'The deploy fails or the new release does not start; the logs end in the migration step',
      'Requests fail with `relation "…" does not exist` or `column … does not exist`: the code expects a migration that did not run',
    ],
    diagnose: [...logs(ctx), { text: 'Run the migration step by hand to see its error', command: run(ctx, ctx.migrationCommand ?? '') }],
    fix: [{ text: 'Fix the failing migration in the repository and deploy again; a migration that ran halfway may need its changes undone by hand first' }, ...rollback(ctx)],
  }),
};

const LLM_RATE_LIMIT: RunbookDef = {
  id: 'provider-rate-limit',
  title: 'Model provider rate limit hit',
  stacks: ['openai', 'anthropic', 'groq'],
  build: (ctx) => {
    const known = ctx.providers.map((p) => PROVIDERS[p]).filter((p) => p !== undefined);
    const lang = ctx.python ? 'python' : 'node';
    return {
      symptoms: [
        ...known.map((p) => `${p.title}: after its retries the SDK raises ${p.error[lang]}`),
        'Routes that call the model answer with errors or slowly during traffic peaks',
      ],
      diagnose: [
        ...(ctx.ops ? [{ text: 'Find the 429s in the logs', command: `${ctx.ops.logs} | grep -iE "429|rate.?limit"` }] : []),
        ...known.map((p) => ({ text: `${p.title}: read the remaining quota in the response headers ${p.headers}, and the account's limits in ${p.console}` })),
      ],
      fix: [
        ...known.map((p) => ({ text: `${p.title}: let the SDK retry with backoff: ${p.retries[lang]}` })),
        { text: 'Rate-limit the routes that call the model per user, so one client cannot spend the shared quota' },
        ...(ctx.stackIds.has('celery') || ctx.stackIds.has('bullmq') ? [{ text: 'Move model calls into background jobs with retries, so a burst waits instead of failing' }] : []),
        { text: "Ask the provider for a higher rate-limit tier once usage is steady" },
      ],
    };
  },
};

export const RUNBOOK: readonly RunbookDef[] = [POSTGRES_POOL, CELERY_WORKER, BULLMQ_WORKER, REDIS_LOST, ALEMBIC, PRISMA, MIGRATION_COMMAND, LLM_RATE_LIMIT];
