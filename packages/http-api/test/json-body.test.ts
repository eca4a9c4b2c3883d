import { describe, expect, it } from 'vitest';
const MAX_JSON_DEPTH = 32;
import { readJsonBody } from '../src/json-body.js';
import { ProblemError } from '../src/problem.js';

const read = (body: string) =>
  readJsonBody(
    { body, isBase64Encoded: false, headers: { 'content-type': 'application/json' } },
    { maxBytes: 1 << 20, mediaTypes: ['application/json'] },
  );
const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('readJsonBody on nested JSON (finding 8)', () => {
  it('refuses 100,000 nested arrays (200 KB) with 400 too_deeply_nested, not a stack overflow', () => {
    expect(() => read(nested(100_000))).toThrow(expect.objectContaining({ status: 400, code: 'too_deeply_nested' }) as ProblemError);
  });

  it('refuses nested objects past the cap, and one level past it', () => {
    const objects = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    expect(() => read(objects)).toThrow(expect.objectContaining({ code: 'too_deeply_nested' }) as ProblemError);
    expect(() => read(nested(MAX_JSON_DEPTH + 1))).toThrow(expect.objectContaining({ code: 'too_deeply_nested' }) as ProblemError);
  });

  it('reads nesting up to the cap, and brackets inside strings do not count', () => {
    expect(read(nested(MAX_JSON_DEPTH))).toBeDefined();
    expect(read(JSON.stringify({ comment: '['.repeat(1000) + '\\"{'.repeat(100) }))).toMatchObject({ comment: expect.any(String) });
  });
});
