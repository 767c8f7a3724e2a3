import * as Sentry from '@sentry/node';
import { config } from './config';

// Imported first in server.ts so Sentry can instrument http, express and pg.
Sentry.init({
  dsn: config.SENTRY_DSN,
  environment: config.NODE_ENV,
  tracesSampleRate: config.NODE_ENV === 'production' ? 0.1 : 1.0,
});
