import { Pool } from 'pg';
import { config } from '../config';
import { logger } from '../logger';

export const pool = new Pool({ connectionString: config.DATABASE_URL });

// An idle client losing its connection emits here; without a listener it would crash the process.
pool.on('error', (err) => {
  logger.error({ err }, 'idle postgres client error');
});
