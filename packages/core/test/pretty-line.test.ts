import { describe, expect, it } from 'vitest';
import { levelWord, prettyEvent, prettyLine } from '../src/index.js';

describe('the console line of a log record', () => {
  it('shows a message, nested values as JSON, and a service-less record under a dash', () => {
    expect(prettyLine({ level: 'error', msg: 'boom', detail: { code: 3 }, time: '2024-01-01T00:00:00.000Z', pid: 1 })).toBe(
      '-                 │ ERROR boom detail={"code":3}',
    );
  });

  it('is the service column, then the event with the ids first', () => {
    const record = { service: 'ocr', level: 'warn', event: 'handler-failed', outcome: 'retry-later', attempt: 2, correlationId: 'c-1' };
    expect(prettyEvent(record)).toBe('WARN  handler-failed correlationId=c-1 attempt=2 outcome=retry-later');
    expect(prettyLine(record)).toBe(`ocr               │ ${prettyEvent(record)}`);
  });

  it("reads pino's numeric levels as words", () => {
    expect([10, 30, 50, 60, 'warn', undefined, 99].map(levelWord)).toEqual(['trace', 'info', 'error', 'fatal', 'warn', 'info', '99']);
  });
});
