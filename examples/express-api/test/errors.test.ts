import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { errorHandler, HttpError } from '../src/middleware/errors';

function mockResponse() {
  return {
    headersSent: false,
    statusCode: 200,
    body: undefined as unknown,
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    json(payload: unknown) {
      this.body = payload;
      return this;
    },
  };
}

function run(err: unknown) {
  const req = { id: 'req-123', log: { error: vi.fn() } };
  const res = mockResponse();
  const next = vi.fn();
  errorHandler(err, req as unknown as Request, res as unknown as Response, next as unknown as NextFunction);
  return { req, res, next };
}

describe('errorHandler', () => {
  it('does not leak internal error details to the client', () => {
    const err = new Error('connect ECONNREFUSED 10.0.0.3:5432');
    const { req, res } = run(err);

    expect(res.statusCode).toBe(500);
    expect(res.body).toEqual({ error: 'internal_error', requestId: 'req-123' });
    expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    expect(req.log.error).toHaveBeenCalledWith({ err }, 'unhandled error');
  });

  it('uses the status and code of an HttpError', () => {
    const { res } = run(new HttpError(404, 'invoice_not_found'));
    expect(res.statusCode).toBe(404);
    expect(res.body).toEqual({ error: 'invoice_not_found' });
  });

  it('reports validation failures as 400 with field paths', () => {
    const result = z.object({ email: z.string().email() }).safeParse({ email: 'not-an-email' });
    expect(result.success).toBe(false);

    const { res } = run(result.error);
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatchObject({ error: 'validation_failed', issues: [{ path: 'email' }] });
  });

  it('maps body-parser errors to a generic 4xx', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 14'), { status: 400 });
    const { res } = run(parseError);
    expect(res.statusCode).toBe(400);
    expect(res.body).toEqual({ error: 'bad_request' });
  });
});
