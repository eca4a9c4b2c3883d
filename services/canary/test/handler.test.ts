import { PermanentError } from '@ndf/runtime';
import { describe, expect, it } from 'vitest';
import type { CanaryRunDependencies } from '../src/canary-run.js';
import { handle, type CanaryContext } from '../src/handler.js';

describe('the canary handler', () => {
  it('refuses what is not a tick, before any run', async () => {
    const message = { body: '{"kind":"tock"}', attributes: {}, messageId: 'm', attempt: 1, sentAt: new Date(), correlationId: undefined };
    await expect(handle(message, {} as CanaryContext, {} as CanaryRunDependencies)).rejects.toThrow(
      new PermanentError('The message is not a tick ({"kind":"tick"}).'),
    );
  });
});
