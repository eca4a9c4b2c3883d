import { describe, expect, it } from 'vitest';
import { describeError, errorText } from '../src/index.js';

describe('describeError', () => {
  it('describes whatever was thrown, and never throws itself', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const hostileGetter = Object.defineProperty({}, 'toJSON', {
      get() {
        throw new Error('gotcha');
      },
    });
    expect(describeError(new TypeError('bad'))).toEqual({ errorName: 'TypeError', message: 'bad' });
    expect(describeError('text')).toEqual({ errorName: 'string', message: 'text' });
    expect(describeError(undefined)).toEqual({ errorName: 'undefined', message: 'undefined' });
    expect(describeError(null)).toEqual({ errorName: 'null', message: 'null' });
    expect(describeError(Object.create(null))).toEqual({ errorName: 'object', message: '{}' });
    expect(describeError({ code: 'E' })).toEqual({ errorName: 'object', message: '{"code":"E"}' });
    expect(describeError(cyclic)).toEqual({ errorName: 'object', message: '[object Object]' });
    expect(describeError(hostileGetter).errorName).toBe('object');
    expect(describeError(Symbol('s'))).toEqual({ errorName: 'symbol', message: 'Symbol(s)' });
    expect(errorText(new RangeError('far'))).toBe('RangeError: far');
    expect(errorText(42)).toBe('42');
  });
});
