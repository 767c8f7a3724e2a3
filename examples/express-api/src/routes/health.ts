import { Router } from 'express';
import { pool } from '../db/pool';
import { asyncHandler } from '../middleware/errors';
import { redis } from '../redis';

export const healthRouter = Router();

// ioredis queues commands while reconnecting, so a dead Redis would otherwise hang the check
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} check timed out`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

healthRouter.get(
  '/healthz',
  asyncHandler(async (req, res) => {
    const checks = { postgres: 'ok', redis: 'ok' };

    try {
      await withTimeout(pool.query('SELECT 1'), 'postgres');
    } catch (err) {
      checks.postgres = 'unavailable';
      req.log.error({ err }, 'health check: postgres unreachable');
    }

    try {
      await withTimeout(redis.ping(), 'redis');
    } catch (err) {
      checks.redis = 'unavailable';
      req.log.error({ err }, 'health check: redis unreachable');
    }

    const healthy = checks.postgres === 'ok' && checks.redis === 'ok';
    res.status(healthy ? 200 : 503).json({ status: healthy ? 'ok' : 'degraded', checks });
  }),
);
