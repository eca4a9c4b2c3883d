import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { startFaultProxy, type FaultProxy } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptKey, tenantScope, type NoteDetail, type ReceiptUpload } from '@ndf/contracts';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

// A write whose first attempt lands but whose answer is lost: the SDK sends it again, and the
// retry's condition finds the item the first attempt wrote. That is a success, not a 500.

let ingest: IngestUnderTest;
let proxy: FaultProxy;
let token: string;

beforeAll(async () => {
  ingest = await startIngest('ingest-retried-', {
    dynamodbEndpoint: async (stack) => {
      proxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
      return proxy.endpoint;
    },
  });
  token = await ingest.token({ user: 'rory' });
});
afterAll(async () => {
  await ingest?.stop();
  await proxy?.stop();
});

/** Runs `request` with the answer of one of its DynamoDB calls lost (its write done): the first, or the one after `skip`. */
async function withLostAnswer<T>(request: () => Promise<T>, skip = 0): Promise<T> {
  proxy.setFault({ mode: 'lose-answer', times: 1, skip });
  try {
    return await request();
  } finally {
    proxy.setFault({ mode: 'pass' });
  }
}

const createNote = async (body = noteBody()) =>
  (await ingest.call('POST', '/v1/notes', '/v1/notes', { token, body, headers: { 'idempotency-key': randomUUID() } })).body as {
    id: string;
  };
const askReceipt = (body: Record<string, unknown> = {}) =>
  ingest.call('POST', '/v1/receipts', '/v1/receipts', { token, body: { fileName: 'a.jpg', contentType: 'image/jpeg', size: 10, ...body } });
const readNote = async (id: string) => (await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${id}`, { token })).body as NoteDetail;

describe('a retried write that finds its own item', () => {
  it('asks for a loose receipt: 201, one receipt', async () => {
    const answer = await withLostAnswer(() => askReceipt());
    expect(answer.status).toBe(201);
    const { receiptId } = answer.body as ReceiptUpload;
    const stored = await ingest.stack.clients.dynamodb.send(
      new QueryCommand({
        TableName: ingest.config.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': receiptKey(tenantScope({ tenant: 'acme', user: 'rory', roles: [] }), receiptId).pk }),
      }),
    );
    expect(stored.Count).toBe(1);
  });

  it('asks for a receipt of a note: 201, listed once', async () => {
    const note = await createNote();
    const answer = await withLostAnswer(() => askReceipt({ noteId: note.id }));
    expect(answer.status).toBe(201);
    expect((await readNote(note.id)).receiptIds).toEqual([(answer.body as ReceiptUpload).receiptId]);
  });

  it('creates a note (with or without receipts): 201', async () => {
    const plain = await withLostAnswer(() =>
      ingest.call('POST', '/v1/notes', '/v1/notes', { token, body: noteBody(), headers: { 'idempotency-key': randomUUID() } }),
    );
    expect(plain.status).toBe(201);
    const receipt = (await askReceipt()).body as ReceiptUpload;
    const listing = await withLostAnswer(
      () =>
        ingest.call('POST', '/v1/notes', '/v1/notes', {
          token,
          body: noteBody({ receiptIds: [receipt.receiptId] }),
          headers: { 'idempotency-key': randomUUID() },
        }),
      // After the read that checks the receipt is the caller's: the transaction that creates the note and attaches it.
      1,
    );
    expect(listing.status).toBe(201);
  });

  it('corrects a note: 200 at the next version, not 412', async () => {
    const note = await createNote();
    const answer = await withLostAnswer(() =>
      ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note.id}`, {
        token,
        body: { merchant: 'Relais H' },
        headers: { 'if-match': '"1"' },
      }),
    );
    expect(answer).toMatchObject({ status: 200, body: { merchant: 'Relais H', version: 2 } });
  });

  it('deletes a note: 204, not 404', async () => {
    const note = await createNote();
    const answer = await withLostAnswer(() => ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${note.id}`, { token }));
    expect(answer.status).toBe(204);
  });
});
