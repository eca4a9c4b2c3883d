import { randomUUID } from 'node:crypto';
import { QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECEIPTS_PER_NOTE, noteKey, receiptKey, tenantScope, type NoteDetail, type ReceiptUpload } from '@ndf/contracts';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

// What binds a receipt: to one note, ten to a note, one per Idempotency-Key, one tenant.

let ingest: IngestUnderTest;
let token: string;

beforeAll(async () => {
  ingest = await startIngest('ingest-guards-');
  token = await ingest.token({ user: 'gina' });
});
afterAll(async () => ingest?.stop());

const receiptBody = (overrides: Record<string, unknown> = {}) => ({
  fileName: 'ticket.jpg',
  contentType: 'image/jpeg',
  size: 1000,
  ...overrides,
});
const ask = (body: Record<string, unknown>, options: { as?: string; key?: string } = {}) =>
  ingest.call('POST', '/v1/receipts', '/v1/receipts', {
    token: options.as ?? token,
    body: receiptBody(body),
    ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
  });
const create = (body: Record<string, unknown>, as = token, key = randomUUID()) =>
  ingest.call('POST', '/v1/notes', '/v1/notes', { token: as, body, headers: { 'idempotency-key': key } });
const idOf = (answer: { body: unknown }) => (answer.body as { id: string }).id;
const receiptIdOf = (answer: { body: unknown }) => (answer.body as ReceiptUpload).receiptId;

describe('receipts per note (finding 5)', () => {
  it(`lists at most ${MAX_RECEIPTS_PER_NOTE} receipts on a note, the next one refused with 409 too_many_receipts`, async () => {
    const note = idOf(await create(noteBody()));
    const answers = await Promise.all(Array.from({ length: MAX_RECEIPTS_PER_NOTE }, () => ask({ noteId: note })));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: MAX_RECEIPTS_PER_NOTE }, () => 201));
    const refused = await ask({ noteId: note });
    expect(refused).toMatchObject({ status: 409, body: { code: 'too_many_receipts' } });
    const detail = (await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${note}`, { token })).body as NoteDetail;
    expect(detail.receiptIds).toHaveLength(MAX_RECEIPTS_PER_NOTE);
    expect(detail.receipts).toHaveLength(MAX_RECEIPTS_PER_NOTE);
  });

  it('counts the receipts listed at creation too', async () => {
    const loose = await Promise.all(Array.from({ length: MAX_RECEIPTS_PER_NOTE }, () => ask({})));
    const note = idOf(await create(noteBody({ receiptIds: loose.map(receiptIdOf) })));
    expect(await ask({ noteId: note })).toMatchObject({ status: 409, body: { code: 'too_many_receipts' } });
  });
});

describe('one note per receipt (finding 9)', () => {
  it('refuses a second note listing a receipt with 409 receipt_already_attached, and frees it when the first note is deleted', async () => {
    const receipt = receiptIdOf(await ask({}));
    const firstKey = randomUUID();
    const first = await create(noteBody({ receiptIds: [receipt] }), token, firstKey);
    expect(first.status).toBe(201);
    const second = await create(noteBody({ receiptIds: [receipt], merchant: 'Elsewhere' }));
    expect(second).toMatchObject({
      status: 409,
      body: { code: 'receipt_already_attached', errors: [{ field: '/receiptIds/0', code: 'not_allowed' }] },
    });
    // The first note's replay still answers it.
    expect(await create(noteBody({ receiptIds: [receipt] }), token, firstKey)).toMatchObject({ status: 200, body: { id: idOf(first) } });

    expect((await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${idOf(first)}`, { token })).status).toBe(204);
    expect((await create(noteBody({ receiptIds: [receipt], merchant: 'Elsewhere' }))).status).toBe(201);
  });

  it('frees a receipt still held by a deleted note (a deletion whose release failed) when another note lists it', async () => {
    const receipt = receiptIdOf(await ask({}));
    const first = idOf(await create(noteBody({ receiptIds: [receipt] })));
    // Deleted without its receipts freed, as when DynamoDB failed between the two writes.
    await ingest.stack.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: ingest.config.tableName,
        Key: marshall(noteKey(tenantScope({ tenant: 'acme', user: 'gina', roles: [] }), first)),
        UpdateExpression: 'SET #status = :deleted',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':deleted': 'deleted' }),
      }),
    );
    expect((await create(noteBody({ receiptIds: [receipt], merchant: 'Elsewhere' }))).status).toBe(201);
  });

  it('refuses one batch listing a receipt twice across its notes', async () => {
    const receipt = receiptIdOf(await ask({}));
    const answer = await ingest.call('POST', '/v1/notes/batch', '/v1/notes/batch', {
      token,
      body: {
        notes: [
          { idempotencyKey: randomUUID(), note: noteBody({ receiptIds: [receipt] }) },
          { idempotencyKey: randomUUID(), note: noteBody({ receiptIds: [receipt] }) },
        ],
      },
    });
    const statuses = (answer.body as { results: { status: number }[] }).results.map((result) => result.status).sort();
    expect(statuses).toEqual([201, 409]);
  });
});

describe('Idempotency-Key on POST /v1/receipts (finding 12)', () => {
  const stored = async (tenant: string, user: string, receiptId: string) => {
    const key = receiptKey(tenantScope({ tenant, user, roles: [] }), receiptId);
    const answer = await ingest.stack.clients.dynamodb.send(
      new QueryCommand({
        TableName: ingest.config.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': key.pk }),
      }),
    );
    return answer.Count ?? 0;
  };

  it('answers the same receipt with a fresh form for the same key and body, 409 for another body', async () => {
    const key = randomUUID();
    const first = await ask({}, { key });
    expect(first.status).toBe(201);
    const again = await ask({}, { key });
    expect(again.status).toBe(200);
    const [a, b] = [first.body as ReceiptUpload, again.body as ReceiptUpload];
    expect(b.receiptId).toBe(a.receiptId);
    expect(b.key).toBe(a.key);
    expect(Date.parse(b.upload.expiresAt)).toBeGreaterThanOrEqual(Date.parse(a.upload.expiresAt));
    expect(await stored('acme', 'gina', a.receiptId)).toBe(1);
    expect(await ask({ size: 2000 }, { key })).toMatchObject({ status: 409, body: { code: 'idempotency_conflict' } });
  });

  it('keeps the key with its note: the same key and body with a noteId answer the receipt of that note', async () => {
    const note = idOf(await create(noteBody()));
    const key = randomUUID();
    const first = receiptIdOf(await ask({ noteId: note }, { key }));
    expect(await ask({ noteId: note }, { key })).toMatchObject({ status: 200, body: { receiptId: first } });
    expect(await ask({}, { key })).toMatchObject({ status: 409, body: { code: 'idempotency_conflict' } });
    const detail = (await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${note}`, { token })).body as NoteDetail;
    expect(detail.receiptIds).toEqual([first]);
  });

  it('keys per tenant and user: the same key elsewhere asks for a receipt of its own', async () => {
    const key = randomUUID();
    const mine = receiptIdOf(await ask({}, { key }));
    const colleague = await ask({}, { key, as: await ingest.token({ user: 'otto' }) });
    const otherTenant = await ask({}, { key, as: await ingest.token({ tenant: 'globex', user: 'gina' }) });
    expect([colleague.status, otherTenant.status]).toEqual([201, 201]);
    expect(new Set([mine, receiptIdOf(colleague), receiptIdOf(otherTenant)]).size).toBe(3);
  });

  it('refuses a malformed key with 400', async () => {
    expect(await ask({}, { key: 'a b' })).toMatchObject({ status: 400, body: { errors: [{ field: 'Idempotency-Key', in: 'header' }] } });
  });
});

describe("another tenant's notes and receipts (wrong tenant)", () => {
  it('answers 404 for every route on a note of another tenant, and 422 for its receipts', async () => {
    const globex = await ingest.token({ tenant: 'globex', user: 'gina', roles: ['employee', 'admin'] });
    const note = idOf(await create(noteBody()));
    const receipt = receiptIdOf(await ask({}));
    const notFound = { status: 404, body: { code: 'not_found' } };
    expect(await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${note}`, { token: globex })).toMatchObject(notFound);
    expect(
      await ingest.call('PATCH', '/v1/notes/{id}', `/v1/notes/${note}`, {
        token: globex,
        body: { merchant: 'x' },
        headers: { 'if-match': '"1"' },
      }),
    ).toMatchObject(notFound);
    expect(await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${note}`, { token: globex })).toMatchObject(notFound);
    expect(await ask({ noteId: note }, { as: globex })).toMatchObject(notFound);
    expect(await create(noteBody({ receiptIds: [receipt] }), globex)).toMatchObject({ status: 422, body: { code: 'invalid_reference' } });
    // The same key in another tenant names another note: the owner's note is untouched.
    const key = randomUUID();
    const owners = idOf(await create(noteBody(), token, key));
    const theirs = await create(noteBody({ merchant: 'Other' }), globex, key);
    expect(theirs.status).toBe(201);
    expect(idOf(theirs)).not.toBe(owners);
    expect(await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${owners}`, { token })).toMatchObject({
      status: 200,
      body: { merchant: 'Café de la Gare' },
    });
  });
});
