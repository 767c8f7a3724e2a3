import { Redis } from 'ioredis';
import { config } from './config';
import { logger } from './logger';

export const redis = new Redis(config.REDIS_URL, {
  // required by BullMQ workers, which block on this connection
  maxRetriesPerRequest: null,
  // Fly's private network (and Upstash on Fly) is IPv6-only
  family: config.NODE_ENV === 'production' ? 6 : 4,
});

redis.on('error', (err) => {
  logger.error({ err }, 'redis connection error');
});
