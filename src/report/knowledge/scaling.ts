/**
 * Scaling triggers per detected component: the signal to watch, where to read it, and what to do
 * when it fires. Thresholds are rules of thumb, stated as such in the report; the commands come
 * from the detected platform.
 */
import type { PlatformOps, Step } from './platforms.js';

export interface TriggerDef {
  /** Any one of these stack ids. */
  stacks: string[];
  signal: string;
  watch: (ops: PlatformOps | null) => Step | null;
  action: (ops: PlatformOps | null) => string;
}

const pgShell = (ops: PlatformOps | null) => ops?.postgresShell ?? 'psql "$DATABASE_URL"';
const redisShell = (ops: PlatformOps | null) => ops?.redisShell ?? 'redis-cli -u "$REDIS_URL"';
const scaleOut = (ops: PlatformOps | null) => (ops ? `${lower(ops.scaleOut.text)}${ops.scaleOut.command ? ` (\`${ops.scaleOut.command}\`)` : ''}` : 'run more instances behind a load balancer');
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export const WEB_STACKS = ['fastapi', 'flask', 'django', 'starlette', 'express', 'fastify', 'nestjs', 'nextjs', 'koa', 'hono'];

export const TRIGGERS: readonly TriggerDef[] = [
  {
    stacks: WEB_STACKS,
    signal: 'CPU of the web service stays above about 70%, or p95 latency rises with traffic',
    watch: (ops) => (ops ? { text: `Read CPU, memory and restarts in ${ops.metrics}` } : null),
    action: (ops) => `Scale out: ${scaleOut(ops)}; each new replica also opens its own database pool`,
  },
  {
    stacks: ['postgres'],
    signal: 'Connections in use stay above about 80% of `max_connections`',
    watch: (ops) => ({ text: 'Count connections', command: 'SELECT count(*) FROM pg_stat_activity;', shell: pgShell(ops) }),
    action: () => 'Shrink per-process pools or put PgBouncer in front before adding app replicas; a bigger database plan raises `max_connections`',
  },
  {
    stacks: ['postgres'],
    signal: 'Database CPU or disk IO stays saturated, or queries slow down as tables grow',
    watch: () => ({ text: 'Find the slowest statements in the `pg_stat_statements` view (where the provider enables it)' }),
    action: () => 'Index what the slow queries filter on first; then move to a larger database plan, and add a read replica for read-heavy routes',
  },
  {
    stacks: ['redis'],
    signal: '`used_memory` approaches `maxmemory`',
    watch: (ops) => ({ text: 'Read memory use', command: 'INFO memory', shell: redisShell(ops) }),
    action: () => 'Raise the Redis plan; give cache keys a TTL so they expire',
  },
  {
    stacks: ['celery'],
    signal: 'The task queue keeps growing: tasks wait longer than users accept',
    watch: (ops) => ({ text: 'Length of the default queue', command: 'LLEN celery', shell: redisShell(ops) }),
    action: () => 'Add worker processes: raise `--concurrency` while CPU and memory allow, then run more worker replicas (as a service of their own)',
  },
  {
    stacks: ['bullmq'],
    signal: 'Waiting jobs keep growing',
    watch: (ops) => ({ text: 'Waiting jobs of a queue', command: 'LLEN bull:<queue>:wait', shell: redisShell(ops) }),
    action: () => "Raise the Worker's `concurrency` option, or run the Worker in more processes",
  },
  {
    stacks: ['openai', 'anthropic', 'groq'],
    signal: 'The model provider answers 429 during peaks',
    watch: (ops) => (ops ? { text: 'Watch for rate-limit errors in the logs', command: `${ops.logs} | grep -iE "429|rate.?limit"` } : null),
    action: () => 'More app replicas do not help: queue model calls, cap them per user, and ask the provider for a higher tier',
  },
];
