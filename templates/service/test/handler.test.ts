import { PermanentError } from '@ndf/runtime';
import { describe, expect, it } from 'vitest';
import { handle } from '../src/handler.js';

const dependencies = { now: () => new Date('2026-01-15T10:00:00Z'), signal: new AbortController().signal };

describe('__NAME__', () => {
  it('quarantines a message that is not JSON', async () => {
    await expect(handle('{not json', dependencies)).rejects.toBeInstanceOf(PermanentError);
  });
});
