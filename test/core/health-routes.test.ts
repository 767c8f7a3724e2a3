import { describe, expect, it } from 'vitest';
import { isHealthRoute } from '../../src/core/rule-support/health-routes.js';
import type { Route } from '../../src/facts/fact-map.js';

const route = (path: string, handler?: string) => ({ path, handler: handler ? { file: 'a.py', name: handler, line: 1, endLine: 2 } : null }) as Route;

describe('isHealthRoute', () => {
  it('knows health paths under the usual prefixes', () => {
    expect(isHealthRoute(route('/health'))).toBe(true);
    expect(isHealthRoute(route('/api/v1/healthz/'))).toBe(true);
    expect(isHealthRoute(route('/api/v1/utils/health-check/', 'health_check'))).toBe(true);
  });
  it('needs the handler to agree under other prefixes', () => {
    expect(isHealthRoute(route('/api/v1/tools/health-check', 'health_check'))).toBe(true);
    expect(isHealthRoute(route('/api/v1/tools/health-check', 'run_tool'))).toBe(false);
    expect(isHealthRoute(route('/api/v1/jobs/{job_id}/status', 'status'))).toBe(false);
    expect(isHealthRoute(route('/jobs/:id/status', 'ping'))).toBe(false);
  });
});
