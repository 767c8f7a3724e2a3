import './instrument';
import * as Sentry from '@sentry/node';
import { createApp } from './app';
import { config } from './config';
import { pool } from './db/pool';
import { logger } from './logger';
import { pdfQueue } from './queue/queues';
import { startPdfWorker } from './queue/worker';
import { redis } from './redis';

const app = createApp();
const worker = startPdfWorker();

const server = app.listen(config.PORT, () => {
  logger.info({ port: config.PORT }, 'tally api listening');
});

// Fly gives machines kill_timeout (30s, see fly.toml) between SIGTERM and SIGKILL.
const SHUTDOWN_GRACE_MS = 25_000;
let shuttingDown = false;

async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');

  const forceExit = setTimeout(() => {
    logger.error('graceful shutdown timed out, exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  forceExit.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
    });
    // waits for in-flight PDF jobs to finish
    await worker.close();
    await pdfQueue.close();
    await pool.end();
    await redis.quit();
    await Sentry.close(2_000);
    logger.info('shutdown complete');
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

process.on('unhandledRejection', (reason) => {
  logger.error({ err: reason }, 'unhandled promise rejection');
});
