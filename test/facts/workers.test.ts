import { describe, expect, it } from 'vitest';
import { canonicalKey, parseWorkerStatement } from '../../src/facts/runtime/workers.js';

describe('worker statements', () => {
  it('reads Celery worker flags and queues', () => {
    const p = parseWorkerStatement('exec celery -A app.worker worker -Q a,b --concurrency 4 --max-tasks-per-child=100 -P prefork');
    expect(p).toEqual({ framework: 'celery', queues: ['a', 'b'], flags: { concurrency: '4', max_tasks_per_child: '100', pool: 'prefork' } });
    expect(parseWorkerStatement('python -m celery --app=proj worker -c8')?.flags.concurrency).toBe('8');
  });
  it('a beat-only process is not a worker', () => {
    expect(parseWorkerStatement('celery -A app beat --loglevel=info')).toBeUndefined();
    expect(parseWorkerStatement('celery -A app worker -B')?.framework).toBe('celery');
  });
  it('reads RQ queues and Dramatiq processes', () => {
    expect(parseWorkerStatement('rq worker --url $REDIS_URL high default')?.queues).toEqual(['high', 'default']);
    expect(parseWorkerStatement('dramatiq app.tasks -p 2')?.flags.concurrency).toBe('2');
  });
  it('canonicalises Celery setting names', () => {
    expect(canonicalKey('task_acks_late')).toBe('acks_late');
    expect(canonicalKey('CELERY_TASK_ACKS_LATE')).toBe('acks_late');
    expect(canonicalKey('CELERYD_PREFETCH_MULTIPLIER')).toBe('prefetch_multiplier');
    expect(canonicalKey('CELERY_WORKER_MAX_TASKS_PER_CHILD')).toBe('max_tasks_per_child');
    expect(canonicalKey('task_serializer')).toBeUndefined();
  });
});

describe('runner prefixes', () => {
  it('poetry run / uv run start the same worker', () => {
    expect(parseWorkerStatement('poetry run celery -A app worker -c 2')?.flags.concurrency).toBe('2');
    expect(parseWorkerStatement('uv run celery -A app beat')).toBeUndefined();
  });
});
