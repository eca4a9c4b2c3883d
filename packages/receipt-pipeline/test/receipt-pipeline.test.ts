import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, stageKey, tenantScope, type ChangeMessage } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/testkit/shared-stack';
import { PermanentError } from '@ndf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReceiptState, derivedKey, parseJob, receiptOfChange } from '../src/index.js';

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
});

describe('recording a stage on a receipt', () => {
  it('sets the receipt attributes and writes the stage in one transaction, and refuses a receipt that does not exist', async () => {
    const table = tableName(PREFIX, 'notes');
    const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const key = receiptKey(scope, receipt.receiptId, receipt.noteId);
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: table,
        Item: marshall({ ...key, type: ITEM_TYPES.receipt, tenant: 'acme', receiptId: receipt.receiptId, status: 'uploaded' }),
      }),
    );
    const state = new ReceiptState(stack.clients.dynamodb, table, 'format-sniffer');
    const signal = new AbortController().signal;
    await state.record(receipt, { status: 'succeeded', outcome: { format: 'image/png' } }, { detectedType: 'image/png' }, signal);
    await state.record(receipt, { status: 'succeeded', outcome: { format: 'image/png' } }, { detectedType: 'image/png' }, signal);

    const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key) }));
    expect(unmarshall(Item!)).toMatchObject({ status: 'uploaded', detectedType: 'image/png' });
    const { Item: stage } = await stack.clients.dynamodb.send(
      new GetItemCommand({
        TableName: table,
        Key: marshall(stageKey(scope, 'format-sniffer', { receiptId: receipt.receiptId, noteId: receipt.noteId })),
      }),
    );
    expect(unmarshall(stage!)).toMatchObject({
      type: 'STAGE',
      service: 'format-sniffer',
      status: 'succeeded',
      outcome: { format: 'image/png' },
      receiptId: receipt.receiptId,
      noteId: receipt.noteId,
    });

    await expect(
      state.record(
        { ...receipt, receiptId: '9f0e3c2a-0000-4000-8000-000000000009' },
        { status: 'refused', code: 'empty', reason: 'The file is empty.' },
        { status: 'refused' },
        signal,
      ),
    ).rejects.toMatchObject({
      name: 'TransactionCanceledException',
    });
  });
});
