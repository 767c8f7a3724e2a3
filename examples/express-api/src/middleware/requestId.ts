import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Accept ids from Fly's proxy or an upstream client, but never trust arbitrary input in logs.
const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Used as pino-http's genReqId: picks the request id and echoes it back to the client. */
export function genReqId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-ID', id);
  return id;
}
