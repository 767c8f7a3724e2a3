import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { genReqId } from '../src/middleware/requestId';

function call(headers: Record<string, string>) {
  const setHeaders: Record<string, string> = {};
  const req = { headers } as unknown as IncomingMessage;
  const res = {
    setHeader(name: string, value: string) {
      setHeaders[name] = value;
    },
  } as unknown as ServerResponse;
  return { id: genReqId(req, res), setHeaders };
}

describe('genReqId', () => {
  it('reuses a well-formed incoming X-Request-ID', () => {
    const { id, setHeaders } = call({ 'x-request-id': 'fly-01HZX3K9QF2W8B7' });
    expect(id).toBe('fly-01HZX3K9QF2W8B7');
    expect(setHeaders['X-Request-ID']).toBe(id);
  });

  it('generates a uuid when the header is missing', () => {
    const { id, setHeaders } = call({});
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(setHeaders['X-Request-ID']).toBe(id);
  });

  it('replaces ids that could inject content into logs', () => {
    const { id } = call({ 'x-request-id': 'abc\n{"level":60}' });
    expect(id).not.toContain('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
