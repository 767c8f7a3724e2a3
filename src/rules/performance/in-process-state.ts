import { defineRule, fail, pass, type Finding } from '../../core/rule.js';

export default defineRule({
  meta: {
    id: 'in-process-state',
    area: 'performance',
    severity: 'medium',
    title: 'Request state lives in shared storage, not in process memory',
    failureTitle: 'Request state is kept in process memory',
    why:
      'A module-level dict, list or Map that request handlers write to (sessions, caches, rate-limit counters, job registries) exists once per process. ' +
      'As soon as the app runs with several workers (gunicorn/uvicorn `--workers`, PM2 cluster, Node cluster) or several instances, each has its own copy: a session created on one is unknown to the next request, counters undercount, a job started on one instance cannot be looked up from another, and everything is lost on every deploy or restart.',
    fix: {
      default: 'Keep shared state in a shared store: Redis (with a TTL) for sessions, caches and rate-limit counters; the database for job records. Keep module-level containers for read-only tables only.',
      py: 'Replace `SESSIONS: dict = {}` with Redis: `await redis.set(f"session:{sid}", json.dumps(data), ex=3600)` / `await redis.get(...)`; for rate limits use slowapi / flask-limiter with a Redis storage URI.',
      node: "Replace `const sessions = new Map()` with Redis (`await redis.set('session:' + id, JSON.stringify(data), 'EX', 3600)`), `express-session` with `connect-redis`, or `express-rate-limit` with `rate-limit-redis`.",
    },
    examples: {
      bad: 'JOBS: dict[str, dict] = {}\n\n@app.post("/jobs")\nasync def create_job():\n    job_id = uuid4().hex\n    JOBS[job_id] = {"status": "queued"}',
      good: '@app.post("/jobs")\nasync def create_job():\n    job_id = uuid4().hex\n    await redis.hset(f"job:{job_id}", mapping={"status": "queued"})',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['py', 'node'],
    needs: ['moduleStates'],
    confidence: 'medium',
  },
  check({ moduleStates }) {
    if (moduleStates.length === 0) return pass('No module-level container is written to while serving requests');
    const findings: Finding[] = moduleStates.map((s) => ({
      message: `\`${s.name}\` (a module-level ${s.container}) is modified while serving requests: each worker and instance keeps its own copy, so what one request writes is invisible to requests served by another process and is lost on every restart`,
      evidence: [s.evidence, ...s.mutations],
      stack: s.family,
    }));
    return fail(findings);
  },
});
