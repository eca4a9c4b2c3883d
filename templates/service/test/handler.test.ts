import { PermanentError, type InboundMessage } from '@ndf/runtime';
import { describe, expect, it } from 'vitest';
import { handle } from '../src/handler.js';

const message = (body: string): InboundMessage => ({
  body,
  attributes: {},
  messageId: 'm-1',
  attempt: 1,
  sentAt: new Date('2026-01-15T10:00:00Z'),
  correlationId: undefined,
});
const context = {
  signal: new AbortController().signal,
  call: <T>(_dependency: string, fn: (signal: AbortSignal) => Promise<T>) => fn(new AbortController().signal),
  once: <T>(_key: string, effect: () => Promise<T>) => effect(),
};

describe('__NAME__', () => {
  it('quarantines a message that is not JSON', async () => {
    await expect(handle(message('{not json'), context)).rejects.toBeInstanceOf(PermanentError);
  });
});
