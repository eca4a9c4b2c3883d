import { catalog, tableName } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { changeOf, putItems, testNoteItem, testReceiptItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChangedNote } from '../src/index.js';

let stack: SharedStack;
const table = () => tableName(stack.config.prefix, 'notes');
const call = <T>(_dependency: 'dynamodb', fn: (signal: AbortSignal) => Promise<T>) => fn(new AbortController().signal);

beforeAll(async () => {
  stack = await useSharedStack('pipeline-changed-note-', { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

describe('the note a change is about', () => {
  it('is found from a receipt asked for before its note, once the note lists it (attachedTo), and not before', async () => {
    const noteId = randomUUID();
    const receiptId = randomUUID();
    const loose = testReceiptItem('acme', receiptId, { extracted: { totalInclVat: '12.40' } });
    await putItems(stack.clients.dynamodb, table(), [loose, testNoteItem('acme', noteId, { receiptIds: [receiptId] })]);
    const read = (item: object) =>
      readChangedNote(JSON.stringify(changeOf(item as never)), call, { dynamodb: stack.clients.dynamodb, notesTable: table() }, 'test');

    expect(await read(loose)).toBeUndefined();
    const attached = { ...loose, attachedTo: noteId };
    const found = await read(attached);
    expect(found?.note.noteId).toBe(noteId);
    expect(found?.receipts.map((receipt) => receipt.receiptId)).toEqual([receiptId]);
  });
});
