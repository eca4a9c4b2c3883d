import { MetricsRegistry, PermanentError, type InboundMessage } from '@ndf/runtime';
import { describe, expect, it } from 'vitest';
import type { CanaryRunDependencies } from '../src/canary-run.js';
import { handle, type CanaryContext } from '../src/handler.js';
import { IngestClient } from '../src/ingest-client.js';

const tick = (sentAt: Date): InboundMessage => ({
  body: '{"kind":"tick"}',
  attributes: {},
  messageId: 'm',
  attempt: 1,
  sentAt,
  correlationId: undefined,
});

/** A canary whose every run fails at once, at its token: what the handler does with the runs is all there is to see. */
function blindCanary(periodMs: number, intervalMs: number) {
  const lines: Record<string, unknown>[] = [];
  const log = { info: (line: Record<string, unknown>) => lines.push(line), error: (line: Record<string, unknown>) => lines.push(line) };
  const metrics = new MetricsRegistry();
  const context = { log, metrics, signal: AbortSignal.timeout(30_000) } as unknown as CanaryContext;
  const dependencies: CanaryRunDependencies = {
    tokens: { token: () => Promise.reject(new Error('no token here')) },
    api: new IngestClient('http://127.0.0.1:1/v1', 100),
    receipt: {
      fileName: 'r.png',
      contentType: 'image/png',
      bytes: new Uint8Array(),
      expected: {},
      note: { date: '2024-01-01', amount: { value: '1.00', currency: 'EUR' } },
    },
    settings: { intervalMs, fieldsDeadlineMs: 100, requestTimeoutMs: 100, tickPeriodMs: periodMs },
    now: Date.now,
  };
  return { lines, metrics, context, dependencies };
}

describe('the canary handler', () => {
  it('refuses what is not a tick, before any run', async () => {
    const { context, dependencies } = blindCanary(1_000, 1_000);
    await expect(handle({ ...tick(new Date()), body: '{"kind":"tock"}' }, context, dependencies)).rejects.toThrow(
      new PermanentError('The message is not a tick ({"kind":"tick"}).'),
    );
  });

  it('makes one run per interval of its tick, counts each failure and logs it with its step, and never fails the tick', async () => {
    const { lines, metrics, context, dependencies } = blindCanary(2_000, 500);
    await handle(tick(new Date()), context, dependencies);
    expect(metrics.snapshot().counters).toMatchObject({ canary_runs: 4, canary_failed: 4 });
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      event: 'canary-failed',
      step: 'token',
      reason: 'Error: no token here',
      correlationId: expect.stringMatching(/^canary-/),
    });
  });

  it('runs nothing for a tick whose period has gone, and says so', async () => {
    const { lines, metrics, context, dependencies } = blindCanary(2_000, 500);
    await handle(tick(new Date(Date.now() - 3_000)), context, dependencies);
    expect(metrics.snapshot().counters.canary_runs).toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ event: 'canary-tick-late' })]);
  });
});
