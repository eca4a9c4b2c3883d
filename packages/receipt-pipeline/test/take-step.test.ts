import { catalog, tableName } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { MetricsRegistry } from '@ndf/runtime';
import { putReceiptItem, readItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_DROPPED_METRIC, ReceiptState, takeStepAndHandOn, type ReceiptJob } from '../src/index.js';

let stack: SharedStack;
const table = () => tableName(stack.config.prefix, 'notes');

beforeAll(async () => {
  stack = await useSharedStack('pipeline-step-', { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

/** What a receipt service's handler is given, as far as taking a step goes: what it sends, logs and counts is kept. */
function stepContext() {
  const emitted: [string, unknown][] = [];
  const logged: Record<string, unknown>[] = [];
  const metrics = new MetricsRegistry();
  const context = {
    call: <T>(_dependency: 'dynamodb', fn: (signal: AbortSignal) => Promise<T>) => fn(new AbortController().signal),
    emit: (service: string, body: unknown) => {
      emitted.push([service, body]);
      return Promise.resolve();
    },
    log: { info: (line: Record<string, unknown>) => void logged.push(line) },
    metrics,
  };
  return { context: context as unknown as Parameters<typeof takeStepAndHandOn>[0], emitted, logged, metrics };
}

describe('taking a step and handing the next job on', () => {
  it('hands the next job on when the step applied, and nothing when another run of the job took it first (a repeat, counted as dropped)', async () => {
    const receipt = { tenant: 'acme', receiptId: randomUUID() };
    const key = await putReceiptItem(stack.clients.dynamodb, table(), receipt, { status: 'reading', movedOnAgoMs: 60_000 });
    const state = new ReceiptState(stack.clients.dynamodb, table(), 'image-normalizer');
    const next: ReceiptJob = { kind: 'ocr', receipt, pageKeys: [`derived/acme/${receipt.receiptId}/page-1.png`] };

    const first = stepContext();
    expect(await takeStepAndHandOn(first.context, { state }, receipt, 'read', { status: 'succeeded' }, {}, next)).toBe('applied');
    expect(first.emitted).toEqual([['ocr', next]]);
    expect(first.metrics.snapshot().counters[JOBS_DROPPED_METRIC]).toBeUndefined();

    const second = stepContext();
    expect(await takeStepAndHandOn(second.context, { state }, receipt, 'read', { status: 'succeeded' }, {}, next)).toBe('repeat');
    expect(second.emitted).toEqual([]);
    expect(second.metrics.snapshot().counters[JOBS_DROPPED_METRIC]).toBe(1);
    expect(second.logged).toEqual([{ event: 'job-dropped', receiptId: receipt.receiptId, step: 'read', reason: 'step-already-taken' }]);
    expect(await readItem(stack.clients.dynamodb, table(), key)).toMatchObject({ status: 'reading' });
  });
});
