import { describe, expect, it, vi } from 'vitest';
import { parseCategorization } from '../src/services/categorize';

// vi.mock is hoisted above the imports, so categorize.ts sees this config
vi.mock('../src/config', () => ({
  config: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_MODEL: 'claude-test' },
}));

describe('parseCategorization', () => {
  it('reads the JSON object even when the model adds prose around it', () => {
    const reply = 'Here you go:\n{"lines": [{"id": "a", "category": "hosting"}, {"id": "b", "category": "travel"}]}';
    const result = parseCategorization(reply, ['a', 'b']);
    expect(Object.fromEntries(result)).toEqual({ a: 'hosting', b: 'travel' });
  });

  it('ignores line ids that were not requested', () => {
    const reply = '{"lines": [{"id": "a", "category": "software"}, {"id": "zzz", "category": "other"}]}';
    const result = parseCategorization(reply, ['a']);
    expect([...result.keys()]).toEqual(['a']);
  });

  it('rejects categories outside the allowed list', () => {
    const reply = '{"lines": [{"id": "a", "category": "snacks"}]}';
    expect(() => parseCategorization(reply, ['a'])).toThrow();
  });

  it('rejects replies without JSON', () => {
    expect(() => parseCategorization('Sorry, I cannot help with that.', ['a'])).toThrow(/no JSON/);
  });
});
