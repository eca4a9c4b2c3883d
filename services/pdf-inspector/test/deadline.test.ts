import { serviceEntry } from '@ndf/catalog';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INSPECT_LIMITS } from '../src/inspect-limits.js';
import { INSPECT_TIMEOUT_MS } from '../src/service.js';

describe("the inspector's time limit", () => {
  it("leaves half the message's deadline, so that a slow PDF is refused before the deadline would make it a retry", () => {
    const { deadlineMs } = serviceEntry('pdf-inspector').limits;
    expect(INSPECT_TIMEOUT_MS).toBeLessThanOrEqual(deadlineMs / 2);
    expect(DEFAULT_INSPECT_LIMITS.timeoutMs).toBeLessThanOrEqual(deadlineMs / 2);
  });
});
