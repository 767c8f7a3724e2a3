import * as Sentry from '@sentry/node';
import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { logger } from './logger';
import { metricsMiddleware, registry } from './metrics';
import { errorHandler, notFound } from './middleware/errors';
import { genReqId } from './middleware/requestId';
import { authRouter } from './routes/auth';
import { customersRouter } from './routes/customers';
import { healthRouter } from './routes/health';
import { invoicesRouter } from './routes/invoices';

export function createApp(): express.Express {
  const app = express();

  // behind Fly's proxy; needed for correct client IPs in rate limiting and logs
  app.set('trust proxy', 1);

  app.use(helmet());
  app.use(
    pinoHttp({
      logger,
      genReqId,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use(metricsMiddleware);
  app.use(express.json({ limit: '200kb' }));

  app.use(healthRouter);
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });

  app.use('/auth', authRouter);
  app.use('/customers', customersRouter);
  app.use('/invoices', invoicesRouter);

  app.use(notFound);
  Sentry.setupExpressErrorHandler(app);
  app.use(errorHandler);

  return app;
}
