import { randomBytes, randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_RECEIPT_BYTES, type NoteDetail, type ReceiptUpload } from '@ndf/contracts';
import { noteBody, startIngest, type IngestUnderTest } from './ingest-fixture.js';

let ingest: IngestUnderTest;
let token: string;

beforeAll(async () => {
  ingest = await startIngest('ingest-receipts-');
  token = await ingest.token({ user: 'rita' });
});
afterAll(async () => ingest?.stop());

async function askUpload(body: Record<string, unknown>, as = token): Promise<ReceiptUpload> {
  const answer = await ingest.call('POST', '/v1/receipts', '/v1/receipts', {
    token: as,
    body: { fileName: 'ticket.jpg', contentType: 'image/jpeg', size: 1000, ...body },
  });
  expect(answer.status).toBe(201);
  return answer.body as ReceiptUpload;
}

/** The browser-style upload the app makes: every field, then the file. */
async function upload(
  form: ReceiptUpload['upload'],
  bytes: Buffer,
  fields: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const data = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...fields })) data.append(name, value);
  data.append('file', new Blob([bytes]), 'ticket.jpg');
  const response = await fetch(form.url, { method: 'POST', body: data });
  return { status: response.status, text: await response.text() };
}

async function stored(key: string): Promise<Buffer | undefined> {
  try {
    const object = await ingest.stack.clients.s3.send(new GetObjectCommand({ Bucket: ingest.config.bucketName, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

const createNote = async (body = noteBody(), as = token) =>
  (await ingest.call('POST', '/v1/notes', '/v1/notes', { token: as, body, headers: { 'idempotency-key': randomUUID() } })).body as {
    id: string;
  };
const readNote = async (id: string) => (await ingest.call('GET', '/v1/notes/{id}', `/v1/notes/${id}`, { token })).body as NoteDetail;

describe('asking for an upload', () => {
  it('records the receipt awaiting upload and hands out a form for a key under the tenant', async () => {
    const asked = await askUpload({ fileName: 'facture.pdf', contentType: 'application/pdf', size: 5 });
    expect(asked.key).toBe(`tenants/acme/receipts/${asked.receiptId}`);
    expect(asked.receipt).toMatchObject({
      id: asked.receiptId,
      status: 'awaiting_upload',
      fileName: 'facture.pdf',
      contentType: 'application/pdf',
      size: 5,
    });
    expect(asked.upload.maxBytes).toBe(MAX_RECEIPT_BYTES);
    const minutes = (Date.parse(asked.upload.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('refuses at once a declared size over 20 MiB, and other bad declarations', async () => {
    for (const [body, field, code] of [
      [{ size: MAX_RECEIPT_BYTES + 1 }, '/size', 'too_large'],
      [{ size: -1 }, '/size', 'too_small'],
      [{ size: 1.5 }, '/size', 'wrong_type'],
      [{ size: '1000' }, '/size', 'wrong_type'],
      [{ contentType: 'jpeg' }, '/contentType', 'invalid_format'],
      [{ contentType: 'image/jpeg\r\nx-evil: 1' }, '/contentType', 'invalid_format'],
      [{ fileName: '' }, '/fileName', 'too_short'],
      [{ fileName: 'a\u0000.jpg' }, '/fileName', 'invalid_format'],
      [{ noteId: 'nope' }, '/noteId', 'invalid_format'],
      [{ key: 'tenants/other/x' }, '/key', 'unknown_field'],
    ] as const) {
      const request: Record<string, unknown> = Object.assign({ fileName: 'ticket.jpg', contentType: 'image/jpeg', size: 1000 }, body);
      const answer = await ingest.call('POST', '/v1/receipts', '/v1/receipts', { token, body: request });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body).toMatchObject({ errors: [expect.objectContaining({ field, code })] });
    }
  });

  it("answers 404 for a note that is not the caller's, or is gone", async () => {
    const others = await createNote(noteBody(), await ingest.token({ user: 'otto' }));
    const deleted = await createNote();
    await ingest.call('DELETE', '/v1/notes/{id}', `/v1/notes/${deleted.id}`, { token });
    for (const noteId of [randomUUID(), others.id, deleted.id]) {
      const answer = await ingest.call('POST', '/v1/receipts', '/v1/receipts', {
        token,
        body: { fileName: 'a.jpg', contentType: 'image/jpeg', size: 1, noteId },
      });
      expect(answer).toMatchObject({ status: 404, body: { code: 'not_found' } });
    }
  });
});

describe('the presigned upload', () => {
  it('stores the original bytes untouched at the key', async () => {
    const bytes = randomBytes(4096);
    const asked = await askUpload({ size: bytes.length });
    expect((await upload(asked.upload, bytes)).status).toBe(204);
    expect((await stored(asked.key))?.equals(bytes)).toBe(true);
  });

  it('is refused by S3 over 20 MiB, and keeps nothing', async () => {
    const asked = await askUpload({ size: MAX_RECEIPT_BYTES });
    const refused = await upload(asked.upload, Buffer.alloc(MAX_RECEIPT_BYTES + 1, 1));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<Code>EntityTooLarge</Code>');
    expect(await stored(asked.key)).toBeUndefined();
  });

  it('is refused once expired (15 minutes), and keeps nothing', async () => {
    // The form is asked for 16 minutes ago: only Date is faked, the S3 edge checks with the real clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    let asked: ReceiptUpload;
    try {
      vi.setSystemTime(Date.now() - 16 * 60_000);
      asked = await askUpload({});
    } finally {
      vi.useRealTimers();
    }
    const refused = await upload(asked.upload, randomBytes(100));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Policy expired');
    await expect(
      ingest.stack.clients.s3.send(new HeadObjectCommand({ Bucket: ingest.config.bucketName, Key: asked.key })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('is refused for another key or another content type than the ones signed', async () => {
    const asked = await askUpload({});
    expect((await upload(asked.upload, randomBytes(10), { key: 'tenants/globex/receipts/stolen' })).status).toBe(403);
    expect((await upload(asked.upload, randomBytes(10), { 'Content-Type': 'text/html' })).status).toBe(403);
    expect(await stored('tenants/globex/receipts/stolen')).toBeUndefined();
  });
});

describe('receipts on their note', () => {
  it('shows receipts asked for the note, and those asked for before it and listed in receiptIds', async () => {
    const before = await askUpload({ fileName: 'before.jpg' });
    const note = await createNote(noteBody({ receiptIds: [before.receiptId] }));
    const after = await askUpload({ fileName: 'after.png', contentType: 'image/png', noteId: note.id });
    expect(after.key).toBe(`tenants/acme/notes/${note.id}/receipts/${after.receiptId}`);
    const detail = await readNote(note.id);
    expect(detail.receiptIds).toEqual([before.receiptId, after.receiptId]);
    expect(detail.version).toBe(1);
    const listed = (await ingest.call('GET', '/v1/notes', '/v1/notes?from=2024-03-12&to=2024-03-12', { token })).body as {
      items: { id: string; receiptIds: string[] }[];
    };
    expect(listed.items.find((item) => item.id === note.id)?.receiptIds).toEqual([before.receiptId, after.receiptId]);
    expect(detail.receipts.map((receipt) => [receipt.fileName, receipt.status]).sort()).toEqual([
      ['after.png', 'awaiting_upload'],
      ['before.jpg', 'awaiting_upload'],
    ]);
    expect(detail.stages).toEqual([]);
  });

  it("answers 422 for receipt ids that are unknown or another user's", async () => {
    const others = await askUpload({}, await ingest.token({ user: 'otto' }));
    const answer = await ingest.call('POST', '/v1/notes', '/v1/notes', {
      token,
      body: noteBody({ receiptIds: [randomUUID(), others.receiptId] }),
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(answer).toMatchObject({ status: 422, body: { code: 'invalid_reference' } });
    expect((answer.body as { errors: { field: string; code: string }[] }).errors.map((error) => [error.field, error.code])).toEqual([
      ['/receiptIds/0', 'unknown_receipt'],
      ['/receiptIds/1', 'unknown_receipt'],
    ]);
  });
});
