import { catalog, tableName } from '@ndf/catalog';
import { RECONCILE_SHARDS, reconcileShardKey, reconcileShardOf } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { putReceiptItem, readItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptState, pendingJob, type StageSeen } from '../src/index.js';

let stack: SharedStack;
const table = () => tableName(stack.config.prefix, 'notes');
const signal = new AbortController().signal;

beforeAll(async () => {
  stack = await useSharedStack('pipeline-index-', { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

describe("a receipt's place in the reconciler's index", () => {
  it('moves on with each step while the receipt is open, its re-drives reset, and is gone once it is final', async () => {
    const receipt = { tenant: 'acme', receiptId: randomUUID() };
    const key = await putReceiptItem(stack.clients.dynamodb, table(), receipt, {
      status: 'uploaded',
      movedOnAgoMs: 600_000,
      attributes: { redrives: 2, redrivesTotal: 2 },
    });
    const before = (await readItem(stack.clients.dynamodb, table(), key))!;
    expect(before.gsi1pk).toBe(reconcileShardKey(reconcileShardOf(receipt.receiptId)));

    await new ReceiptState(stack.clients.dynamodb, table(), 'format-sniffer').step(
      receipt,
      'startReading',
      { status: 'succeeded' },
      {},
      signal,
    );
    const reading = (await readItem(stack.clients.dynamodb, table(), key))!;
    expect(reading).toMatchObject({ status: 'reading', gsi1pk: before.gsi1pk, redrivesTotal: 2 });
    expect(reading.redrives).toBeUndefined();
    expect(Date.parse(reading.gsi1sk as string)).toBeGreaterThan(Date.parse(before.gsi1sk as string));
    expect(reading.stepAt).toBe(reading.gsi1sk);

    await new ReceiptState(stack.clients.dynamodb, table(), 'receipt-parser').step(receipt, 'process', { status: 'succeeded' }, {}, signal);
    const processed = (await readItem(stack.clients.dynamodb, table(), key))!;
    expect(processed.status).toBe('processed');
    expect(processed.gsi1pk).toBeUndefined();
    expect(processed.gsi1sk).toBeUndefined();
  });

  it("takes a reading step once per service: a second run (a redelivered or re-driven job) is a repeat that leaves the first run's outcome", async () => {
    const receipt = { tenant: 'acme', receiptId: randomUUID() };
    const key = await putReceiptItem(stack.clients.dynamodb, table(), receipt, { status: 'reading', movedOnAgoMs: 600_000 });
    const ocr = new ReceiptState(stack.clients.dynamodb, table(), 'ocr');
    expect(await ocr.step(receipt, 'read', { status: 'succeeded', outcome: { run: 1 } }, {}, signal)).toBe('applied');
    const first = (await readItem(stack.clients.dynamodb, table(), key))!;

    expect(await ocr.step(receipt, 'read', { status: 'succeeded', outcome: { run: 2 } }, {}, signal)).toBe('repeat');
    const stage = await readItem(stack.clients.dynamodb, table(), { pk: key.pk, sk: `${key.sk}#STAGE#ocr` });
    expect(stage?.outcome).toEqual({ run: 1 });
    expect((await readItem(stack.clients.dynamodb, table(), key))!.gsi1sk).toBe(first.gsi1sk);
    // Another reader's step is its own.
    const normalizer = new ReceiptState(stack.clients.dynamodb, table(), 'image-normalizer');
    expect(await normalizer.step(receipt, 'read', { status: 'succeeded' }, {}, signal)).toBe('applied');
  });

  it('spreads receipts over every shard', () => {
    const shards = new Set(Array.from({ length: 200 }, () => reconcileShardOf(randomUUID())));
    expect(shards.size).toBe(RECONCILE_SHARDS);
  });
});

describe('the job a reading receipt waits on', () => {
  const receipt = { tenant: 'acme', receiptId: 'r1' };
  const item = { objectKey: 'tenants/acme/receipts/r1', detectedType: 'image/jpeg', pageKeys: ['derived/acme/r1/page-1.jpg'] };
  const stages = (...done: string[]) => new Map<string, StageSeen>(done.map((service) => [service, { status: 'succeeded' }]));

  it('is the step after the last one its services recorded', () => {
    expect(pendingJob(receipt, item, stages('format-sniffer'))).toEqual({
      job: { kind: 'normalize-image', receipt, objectKey: item.objectKey, detectedType: 'image/jpeg' },
    });
    expect(pendingJob(receipt, { ...item, detectedType: 'application/pdf' }, stages('format-sniffer'))).toEqual({
      job: { kind: 'inspect-pdf', receipt, objectKey: item.objectKey },
    });
    expect(pendingJob(receipt, item, stages('format-sniffer', 'image-normalizer'))).toEqual({
      job: { kind: 'ocr', receipt, pageKeys: item.pageKeys },
    });
    expect(pendingJob(receipt, item, stages('format-sniffer', 'image-normalizer', 'ocr'))).toEqual({
      job: { kind: 'parse', receipt, textKey: 'derived/acme/r1/ocr.json', source: 'ocr' },
    });
    const digital = new Map<string, StageSeen>([['pdf-inspector', { status: 'succeeded', outcome: { next: 'parse' } }]]);
    expect(pendingJob(receipt, item, digital)).toEqual({
      job: { kind: 'parse', receipt, textKey: 'derived/acme/r1/text.json', source: 'pdf-text' },
    });
  });

  it('is a problem, with its reason, when the receipt and its stages cannot be on their way', () => {
    expect(pendingJob(receipt, { objectKey: item.objectKey }, stages('format-sniffer'))).toEqual({
      problem: 'the receipt is reading but has no detected type',
    });
    expect(pendingJob(receipt, { ...item, pageKeys: [] }, stages('image-normalizer'))).toEqual({
      problem: 'its pages were written, but the receipt lists no page keys',
    });
    expect(pendingJob(receipt, item, stages('receipt-parser'))).toEqual({
      problem: 'the parser succeeded, yet the receipt is still reading',
    });
    const noNext = new Map<string, StageSeen>([['pdf-inspector', { status: 'succeeded', outcome: {} }]]);
    expect(pendingJob(receipt, item, noNext)).toEqual({ problem: "the PDF inspector's stage names no next step (undefined)" });
  });
});
