import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  NOTE_STATUSES,
  RECEIPT_STATUSES,
  receiptKey,
  stageKey,
  tenantScope,
  type ChangeMessage,
  type NoteItem,
  type ReceiptStatus,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { PermanentError, type QuarantineEntry } from '@ndf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JOB_SERVICE,
  ReceiptState,
  derivedKey,
  markReceiptsFailed,
  originalOf,
  parseJob,
  receiptOfChange,
  type ReceiptRef,
} from '../src/index.js';

const PREFIX = 'pipeline-';
let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

const receipt = { tenant: 'acme', receiptId: '1f0e3c2a-0000-4000-8000-000000000001', noteId: '2a1b3c4d-0000-4000-8000-000000000002' };

describe('the jobs receipt services hand each other', () => {
  it('reads a well-formed job and refuses anything else as permanent', () => {
    const job = { kind: 'ocr', receipt, pageKeys: [derivedKey(receipt, 'page-1.png')] };
    expect(parseJob(JSON.stringify(job), 'ocr')).toEqual(job);
    expect(derivedKey(receipt, 'page-1.png')).toBe('derived/acme/1f0e3c2a-0000-4000-8000-000000000001/page-1.png');
    for (const bad of [
      '{nope',
      JSON.stringify({ ...job, kind: 'parse' }),
      JSON.stringify({ ...job, pageKeys: [] }),
      JSON.stringify({ ...job, receipt: { tenant: 'acme' } }),
    ]) {
      expect(() => parseJob(bad, 'ocr')).toThrow(PermanentError);
    }
  });

  it('finds the receipt of a change, and refuses a change of another item', () => {
    const change: ChangeMessage = {
      kind: 'change',
      table: 'notes',
      eventId: 'e',
      eventName: 'MODIFY',
      itemType: 'RECEIPT',
      keys: { pk: 'p', sk: 's' },
      sequenceNumber: '1',
      newImage: { ...receipt, objectKey: 'tenants/acme/receipts/x', status: 'uploaded', correlationId: 'req-1' },
    };
    expect(receiptOfChange(change)).toEqual({
      ...receipt,
      objectKey: 'tenants/acme/receipts/x',
      status: 'uploaded',
      correlationId: 'req-1',
    });
    expect(() => receiptOfChange({ ...change, itemType: 'NOTE' })).toThrow(PermanentError);
  });

  it("carries the original's recorded version from the receipt to the jobs that read it", () => {
    const change: ChangeMessage = {
      kind: 'change',
      table: 'notes',
      eventId: 'e',
      eventName: 'MODIFY',
      itemType: 'RECEIPT',
      keys: { pk: 'p', sk: 's' },
      sequenceNumber: '1',
      newImage: { ...receipt, objectKey: 'tenants/acme/receipts/x', objectVersionId: 'v-first', status: 'uploaded' },
    };
    const { objectKey, objectVersionId } = receiptOfChange(change);
    expect(objectVersionId).toBe('v-first');
    const job = { kind: 'inspect-pdf', receipt, objectKey, objectVersionId };
    const parsed = parseJob(JSON.stringify(job), 'inspect-pdf');
    expect(originalOf(parsed)).toEqual({ key: 'tenants/acme/receipts/x', versionId: 'v-first' });
    // A job from before versions were recorded reads by key; a version that is not text is refused.
    expect(originalOf(parseJob(JSON.stringify({ ...job, objectVersionId: undefined }), 'inspect-pdf'))).toEqual({
      key: 'tenants/acme/receipts/x',
      versionId: undefined,
    });
    expect(() => parseJob(JSON.stringify({ ...job, objectVersionId: 42 }), 'inspect-pdf')).toThrow(PermanentError);
  });
});

const signal = new AbortController().signal;
const table = () => tableName(PREFIX, 'notes');
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });

async function receiptAt(ref: ReceiptRef, status: ReceiptStatus): Promise<void> {
  await stack.clients.dynamodb.send(
    new PutItemCommand({
      TableName: table(),
      Item: marshall({
        ...receiptKey(scope, ref.receiptId, ref.noteId),
        type: ITEM_TYPES.receipt,
        tenant: 'acme',
        receiptId: ref.receiptId,
        status,
      }),
    }),
  );
}
const read = async (key: { pk: string; sk: string }) =>
  unmarshall((await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table(), Key: marshall(key) }))).Item!);
const statusOf = async (ref: ReceiptRef) => (await read(receiptKey(scope, ref.receiptId, ref.noteId))).status as string;

describe("the receipt's state machine", () => {
  it('takes each step as one conditional write with its stage, treats a repeat as done, and never moves a receipt backwards', async () => {
    await receiptAt(receipt, 'uploaded');
    const sniffer = new ReceiptState(stack.clients.dynamodb, table(), 'format-sniffer');
    const succeeded = { status: 'succeeded', outcome: { format: 'image/png' } } as const;
    expect(await sniffer.step(receipt, 'startReading', succeeded, { detectedType: 'image/png' }, signal)).toBe('applied');
    expect(await sniffer.step(receipt, 'startReading', succeeded, { detectedType: 'image/png' }, signal)).toBe('repeat');
    expect(await read(receiptKey(scope, receipt.receiptId, receipt.noteId))).toMatchObject({
      status: 'reading',
      detectedType: 'image/png',
    });
    expect(await read(stageKey(scope, 'format-sniffer', { receiptId: receipt.receiptId, noteId: receipt.noteId }))).toMatchObject({
      type: 'STAGE',
      service: 'format-sniffer',
      status: 'succeeded',
      outcome: { format: 'image/png' },
      receiptId: receipt.receiptId,
      noteId: receipt.noteId,
    });

    const parser = new ReceiptState(stack.clients.dynamodb, table(), 'receipt-parser');
    expect(await parser.step(receipt, 'process', { status: 'succeeded' }, { extracted: {} }, signal)).toBe('applied');
    // A late quarantine, or a late refusal, leaves a processed receipt as it is.
    expect(await parser.step(receipt, 'fail', { status: 'failed' }, {}, signal)).toBe('repeat');
    expect(await parser.step(receipt, 'refuse', { status: 'refused' }, {}, signal)).toBe('repeat');
    expect(await statusOf(receipt)).toBe('processed');

    const early = { tenant: 'acme', receiptId: '1f0e3c2a-0000-4000-8000-000000000003' };
    await receiptAt(early, 'uploaded');
    await expect(parser.step(early, 'process', { status: 'succeeded' }, {}, signal)).rejects.toThrow(
      'Receipt 1f0e3c2a-0000-4000-8000-000000000003 is uploaded: receipt-parser cannot process it (it starts from reading, failed).',
    );
    await expect(
      parser.step({ tenant: 'acme', receiptId: '9f0e3c2a-0000-4000-8000-000000000009' }, 'process', { status: 'succeeded' }, {}, signal),
    ).rejects.toThrow('No receipt 9f0e3c2a-0000-4000-8000-000000000009 was asked for in tenant acme.');
  });

  it('marks the receipt of a quarantined message failed, with the stage saying so, and a replay resumes it', async () => {
    const ref = { tenant: 'acme', receiptId: '1f0e3c2a-0000-4000-8000-000000000004' };
    await receiptAt(ref, 'reading');
    const entry = (payload: string): QuarantineEntry => ({
      service: 'ocr',
      source: { kind: 'sqs', queueName: 'ocr' },
      payload,
      attributes: {},
      reason: 'exhausted 5 attempts',
      failures: [],
      firstReceivedAt: 't',
      lastReceivedAt: 't',
      originalId: 'm-1',
    });
    const hook = markReceiptsFailed();
    const context = { name: 'ocr', env: {}, prefix: PREFIX, clients: stack.clients as never, log: undefined as never, signal };
    await hook(entry('{not json'), context);
    expect(await statusOf(ref)).toBe('reading');
    await hook(entry(JSON.stringify({ kind: 'ocr', receipt: ref, pageKeys: ['derived/x'] })), context);
    expect(await statusOf(ref)).toBe('failed');
    expect(await read(stageKey(scope, 'ocr', { receiptId: ref.receiptId }))).toMatchObject({
      status: 'failed',
      code: 'quarantined',
      outcome: { detail: 'exhausted 5 attempts' },
    });

    const ocr = new ReceiptState(stack.clients.dynamodb, table(), 'ocr');
    expect(await ocr.step(ref, 'read', { status: 'succeeded' }, {}, signal)).toBe('applied');
    expect(await statusOf(ref)).toBe('reading');
  });
});

describe('the catalog and the receipt services', () => {
  it('filters streams on statuses the filtered items really have', () => {
    // A deleted draft stays in the table a while, marked 'deleted' (NoteItem): a check follows it to leave it out.
    const storedNoteStatuses = [...NOTE_STATUSES, 'deleted' satisfies NoteItem['status']];
    const statuses: Record<string, readonly string[]> = { [ITEM_TYPES.receipt]: RECEIPT_STATUSES, [ITEM_TYPES.note]: storedNoteStatuses };
    const subscriptions = catalog.services.flatMap((service) =>
      service.consumes.kind === 'stream' ? [{ service, source: service.consumes }] : [],
    );
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const { service, source } of subscriptions) {
      for (const status of source.where?.status ?? []) {
        expect(
          source.itemTypes.some((itemType) => statuses[itemType]?.includes(status)),
          `${service.name} filters on status "${status}"`,
        ).toBe(true);
      }
    }
  });

  it('hands each job to a service that takes work from its queue, from services whose entries emit to it', () => {
    for (const [kind, name] of Object.entries(JOB_SERVICE)) {
      const taker = catalog.services.find((service) => service.name === name);
      expect(taker?.consumes.kind, kind).toBe('queue');
      expect(catalog.services.some((service) => service.emits.some((output) => output.kind === 'service' && output.service === name))).toBe(
        true,
      );
    }
  });
});
