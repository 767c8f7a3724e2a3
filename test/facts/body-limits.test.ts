import { describe, expect, it } from 'vitest';
import type { Value } from '../../src/facts/code/model.js';
import { sizeOf } from '../../src/facts/security/body-limits.js';

const v = (kind: Value['kind'], text: string, value?: string): Value => ({ kind, text, line: 1, ...(value !== undefined ? { value } : {}) });

describe('sizeOf', () => {
  it('reads body-parser size strings, numbers, products and Infinity', () => {
    expect(sizeOf(v('string', "'50mb'", '50mb'))).toBe(50 * 1024 * 1024);
    expect(sizeOf(v('string', "'100kb'", '100kb'))).toBe(100 * 1024);
    expect(sizeOf(v('string', "'1.5MB'", '1.5MB'))).toBe(1.5 * 1024 * 1024);
    expect(sizeOf(v('number', '1048576', '1048576'))).toBe(1048576);
    expect(sizeOf(v('binop', '5 * 1024 * 1024'))).toBe(5 * 1024 * 1024);
    expect(sizeOf(v('name', 'Infinity'))).toBe(Infinity);
  });
  it('gives up on what it cannot read', () => {
    expect(sizeOf(v('name', 'MAX_BODY'))).toBeUndefined();
    expect(sizeOf(v('string', "'lots'", 'lots'))).toBeUndefined();
    expect(sizeOf(undefined)).toBeUndefined();
  });
});
