import { describe, expect, it } from 'vitest';
import { iteratorAgeMs } from '../src/stream/shard-reader.js';

describe("a stream reader's lag", () => {
  const minute = new Date('2026-12-07T06:46:00.000Z');
  const at = (seconds: number) => minute.getTime() + seconds * 1000;

  it('reads a record DynamoDB Local stamped to the minute as fresh within that minute, and late after it', () => {
    // Written at 06:46:18, stamped 06:46:00, read a second later.
    expect(iteratorAgeMs(minute, at(19), 60_000)).toBe(0);
    expect(iteratorAgeMs(minute, at(95), 60_000)).toBe(35_000);
  });

  it('takes the stamp as it is when the stream stamps to the second, as DynamoDB does', () => {
    expect(iteratorAgeMs(minute, at(19), 0)).toBe(19_000);
    expect(iteratorAgeMs(minute, at(-2), 0)).toBe(0);
  });
});
