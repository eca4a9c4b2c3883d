import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, noteKey, receiptKey, stageKey, tenantScope, type ChangeMessage } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'enricher-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const noteId = '0f000000-0000-4000-8000-000000000001';
const looseId = '0f000000-0000-4000-8000-0000000000aa';
const withNoteId = '0f000000-0000-4000-8000-0000000000bb';
let stack: SharedStack;
let enricher: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  enricher = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await enricher?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (item: Record<string, unknown>) =>
  stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));

async function enrichOn(change: ChangeMessage): Promise<void> {
  await enricher.handle(change);
}

describe('note-enricher', () => {
  it("records, as the note's stage, what its receipts (with it or from before it) say against what the user typed", async () => {
    const note = {
      ...noteKey(scope, noteId),
      type: ITEM_TYPES.note,
      tenant: 'acme',
      noteId,
      owner: 'alice',
      status: 'received',
      version: 1,
      date: '2024-03-12',
      amount: { value: '50.00', currency: 'EUR' },
      receiptIds: [looseId, withNoteId],
      requestHash: 'h',
      createdAt: 't',
      updatedAt: 't',
    };
    await put(note);
    await put({
      ...receiptKey(scope, looseId),
      type: ITEM_TYPES.receipt,
      tenant: 'acme',
      receiptId: looseId,
      status: 'processed',
      extracted: { totalInclVat: { value: '30.00', confidence: 0.9 }, merchant: { value: 'SNCF', confidence: 0.7 } },
    });
    const processed = {
      ...receiptKey(scope, withNoteId, noteId),
      type: ITEM_TYPES.receipt,
      tenant: 'acme',
      receiptId: withNoteId,
      noteId,
      status: 'processed',
      extracted: { totalInclVat: { value: '12.40', confidence: 0.9 } },
    };
    await put(processed);

    await enrichOn({
      kind: 'change',
      table: 'notes',
      eventId: 'e',
      eventName: 'MODIFY',
      itemType: 'RECEIPT',
      keys: { pk: processed.pk, sk: processed.sk },
      sequenceNumber: '1',
      newImage: processed,
    });
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: table(), Key: marshall(stageKey(scope, 'note-enricher', { noteId })) }),
    );
    expect(unmarshall(Item!)).toMatchObject({
      type: 'STAGE',
      status: 'succeeded',
      code: 'amount-mismatch',
      outcome: {
        receiptsRead: 2,
        suggestions: { merchant: { value: 'SNCF', receiptId: looseId } },
        amountMismatch: { declared: { value: '50.00' }, receipts: { value: '42.40' } },
      },
    });
    // The user's fields are as they were.
    const { Item: after } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: table(), Key: marshall(noteKey(scope, noteId)) }),
    );
    expect(unmarshall(after!)).toEqual(note);
  });

  it('reads the item when the stream router sent the change without its images (too large for a message)', async () => {
    const bigNoteId = '0f000000-0000-4000-8000-000000000002';
    const receiptId = '0f000000-0000-4000-8000-0000000000cc';
    const note = {
      ...noteKey(scope, bigNoteId),
      type: ITEM_TYPES.note,
      tenant: 'acme',
      noteId: bigNoteId,
      owner: 'alice',
      status: 'received',
      version: 1,
      date: '2024-03-12',
      amount: { value: '9.00', currency: 'EUR' },
      receiptIds: [receiptId],
      requestHash: 'h',
      createdAt: 't',
      updatedAt: 't',
    };
    await put(note);
    await put({
      ...receiptKey(scope, receiptId, bigNoteId),
      type: ITEM_TYPES.receipt,
      tenant: 'acme',
      receiptId,
      noteId: bigNoteId,
      status: 'processed',
      extracted: { totalInclVat: { value: '9.00', confidence: 0.9 } },
    });
    const reference = { kind: 'change', table: 'notes', eventId: 'e', eventName: 'MODIFY', itemType: 'NOTE', sequenceNumber: '2' } as const;
    await enrichOn({ ...reference, keys: { pk: note.pk, sk: note.sk }, imagesOmitted: true });
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: table(), Key: marshall(stageKey(scope, 'note-enricher', { noteId: bigNoteId })) }),
    );
    expect(unmarshall(Item!)).toMatchObject({ type: 'STAGE', status: 'succeeded', outcome: { receiptsRead: 1 } });
    // A reference to an item gone since: nothing to do, nothing quarantined.
    await expect(
      enrichOn({ ...reference, keys: noteKey(scope, '0f000000-0000-4000-8000-00000000dead'), imagesOmitted: true }),
    ).resolves.toBeUndefined();
  });

  it('waits for the note of a receipt asked for before it, and quarantines a change without a tenant', async () => {
    const loose = { pk: 'x', sk: 'y', type: 'RECEIPT', tenant: 'acme', receiptId: looseId, status: 'processed' };
    await expect(
      enrichOn({
        kind: 'change',
        table: 'notes',
        eventId: 'e',
        eventName: 'MODIFY',
        itemType: 'RECEIPT',
        keys: { pk: 'x', sk: 'y' },
        sequenceNumber: '1',
        newImage: loose,
      }),
    ).resolves.toBeUndefined();
    await expect(
      enrichOn({
        kind: 'change',
        table: 'notes',
        eventId: 'e',
        eventName: 'MODIFY',
        itemType: 'RECEIPT',
        keys: { pk: 'x', sk: 'y' },
        sequenceNumber: '1',
        newImage: { ...loose, tenant: undefined },
      }),
    ).rejects.toThrow('PermanentError: The change of x y carries no tenant.');
  });
});
