import type { RequestHandler } from 'express';
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const httpRequestDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const pdfJobsTotal = new client.Counter({
  name: 'invoice_pdf_jobs_total',
  help: 'Invoice PDF render jobs by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const metricsMiddleware: RequestHandler = (req, res, next) => {
  const stopTimer = httpRequestDuration.startTimer();
  res.on('finish', () => {
    // use the route pattern, not the raw URL, to keep label cardinality bounded
    const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
    stopTimer({ method: req.method, route, status_code: String(res.statusCode) });
  });
  next();
};
