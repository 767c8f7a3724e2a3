import { describe, expect, it } from 'vitest';
import { pathTokens } from '../../src/facts/config/test-coverage-map.js';

describe('test coverage map', () => {
  it('splits paths into the words critical modules and test names are matched by', () => {
    expect(pathTokens('app/api/routes/login.py')).toEqual(['app', 'api', 'routes', 'login']);
    expect(pathTokens('src/webhooks/stripeWebhook.ts')).toEqual(['src', 'webhooks', 'stripe', 'webhook']);
    expect(pathTokens('tests/test_auth_flow.py')).toEqual(['tests', 'test', 'auth', 'flow']);
    // `author` is not `auth`.
    expect(pathTokens('app/author.py')).not.toContain('auth');
  });
});
