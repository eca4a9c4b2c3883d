import { createHash, randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { readFile } from 'node:fs/promises';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { receiptKey, tenantScope, type NoteDetail, type ReceiptUpload, type ReceiptView } from '@ndf/contracts';
import { waitUntil, type Supervisor } from '@ndf/local-stack';
import { generateFixture, pngDecompressionBomb, type Fixture } from '@ndf/receipt-fixtures';
import { DynamoQuarantineStore } from '@ndf/runtime';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiptChain } from './receipt-chain-processes.js';

// The receipt chain end to end, as `npm start` runs it: the ingest API, the stream router and
// every receipt service as processes under the supervisor, on the run's shared stack under a prefix of its own.

const PREFIX = 'chain-';
let stack: SharedStack;
let supervisor: Supervisor;
let api: string;
let output: string[];

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  ({ api, supervisor, output } = await startReceiptChain(catalog, stack));
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await stack?.stop();
});

/** The first photo fixture stored turned, with an EXIF orientation that turns it back. */
async function rotatedPhoto(): Promise<Fixture> {
  for (let index = 1; index < 40; index += 1) {
    const fixture = await generateFixture(11, index, 'photo');
    if (fixture.photo && fixture.photo.exifOrientation !== 1) return fixture;
  }
  throw new Error('no rotated photo among the fixtures');
}

async function call<T>(
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function askUpload(token: string, noteId: string, fileName: string, contentType: string, size: number): Promise<ReceiptUpload> {
  const asked = await call<ReceiptUpload>(token, 'POST', '/receipts', { fileName, contentType, size, noteId });
  expect(asked.status).toBe(201);
  return asked.body;
}

/** Sends a file with the presigned POST of a receipt (which can be used again until it expires). */
async function postFile(asked: ReceiptUpload, fileName: string, bytes: Uint8Array): Promise<void> {
  const form = new FormData();
  for (const [name, value] of Object.entries(asked.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), fileName);
  const stored = await fetch(asked.upload.url, { method: 'POST', body: form });
  expect(stored.status).toBeLessThan(300);
}

async function upload(token: string, noteId: string, fileName: string, contentType: string, bytes: Uint8Array): Promise<string> {
  const asked = await askUpload(token, noteId, fileName, contentType, bytes.length);
  await postFile(asked, fileName, bytes);
  return asked.receiptId;
}

describe('the receipt chain', () => {
  it('reads the fields of a rotated photo, a digital PDF and a PNG renamed .pdf, refuses an empty file and a decompression bomb with their reasons, and quarantines nothing', async () => {
    const token = await stack.issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const note = await call<NoteDetail>(
      token,
      'POST',
      '/notes',
      { date: '2024-03-12', amount: { value: '42.50', currency: 'EUR' } },
      { 'idempotency-key': randomUUID() },
    );
    expect(note.status).toBe(201);
    const [photo, invoice, png] = [await rotatedPhoto(), await generateFixture(12, 1, 'pdf-digital'), await generateFixture(13, 1, 'png')];

    const startedAt = Date.now();
    const ids = {
      photo: await upload(token, note.body.id, 'IMG_2041.jpg', 'image/jpeg', await readFile(photo.path)),
      invoice: await upload(token, note.body.id, 'facture.pdf', 'application/pdf', await readFile(invoice.path)),
      renamedPng: await upload(token, note.body.id, 'ticket.pdf', 'application/pdf', await readFile(png.path)),
      empty: await upload(token, note.body.id, 'vide.jpg', 'image/jpeg', new Uint8Array(0)),
      bomb: await upload(token, note.body.id, 'bomb.png', 'image/png', pngDecompressionBomb(30_000)),
    };

    let receipts = new Map<string, ReceiptView>();
    const settled = (receipt: ReceiptView | undefined) => receipt?.status === 'processed' || receipt?.status === 'refused';
    await waitUntil(
      'every receipt read or refused',
      async () => {
        const detail = await call<NoteDetail>(token, 'GET', `/notes/${note.body.id}`);
        receipts = new Map(detail.body.receipts.map((receipt) => [receipt.id, receipt]));
        return Object.values(ids).every((id) => settled(receipts.get(id)));
      },
      120_000,
      500,
    ).catch((error: unknown) => {
      console.log(
        `chain: receipts ${JSON.stringify([...receipts.values()].map((receipt) => [receipt.fileName, receipt.status, receipt.stages.map((stage) => `${stage.service}:${stage.status}`)]))}\n${output.slice(-40).join('\n')}`,
      );
      throw error;
    });
    console.log(`chain: 5 receipts read or refused ${((Date.now() - startedAt) / 1000).toFixed(1)} s after their uploads began`);

    const byName = (key: keyof typeof ids) => receipts.get(ids[key])!;
    for (const [key, fixture] of [
      ['photo', photo],
      ['invoice', invoice],
      ['renamedPng', png],
    ] as const) {
      const receipt = byName(key);
      expect(receipt.status, key).toBe('processed');
      expect(receipt.extracted?.totalInclVat?.value, `${key}: total`).toBe(fixture.truth.totalInclVat);
      expect(receipt.extracted?.date?.value, `${key}: date`).toBe(fixture.truth.date);
    }
    expect(byName('renamedPng').detectedType).toBe('image/png');
    expect(byName('photo').thumbnails?.map((thumbnail) => thumbnail.width)).toEqual([200, 800]);
    expect(byName('empty')).toMatchObject({ status: 'refused', refusal: { code: 'empty' } });
    expect(byName('bomb').status).toBe('refused');
    expect(byName('bomb').refusal?.reason).toBeTruthy();

    const quarantine = new DynamoQuarantineStore({
      dynamodb: stack.clients.dynamodb,
      s3: stack.clients.s3,
      sqs: stack.clients.sqs,
      tableName: tableName(PREFIX, 'runtime'),
      bucketName: bucketName(PREFIX, 'quarantine'),
    });
    expect((await quarantine.list({ limit: 50 })).items).toEqual([]);
  }, 240_000);

  it.each(['stream-router', 'receipt-intake', 'format-sniffer', 'image-normalizer', 'receipt-parser'])(
    'waits while %s is killed, and completes the receipt once it is back',
    async (service) => {
      const token = await stack.issuer.mint({ tenant: 'acme', user: `user-${service}`, roles: ['employee'] });
      const note = await call<NoteDetail>(
        token,
        'POST',
        '/notes',
        { date: '2024-03-14', amount: { value: '9.90', currency: 'EUR' } },
        { 'idempotency-key': randomUUID() },
      );
      const fixture = await generateFixture(31, 1, 'png');
      await supervisor.kill(service);
      // Past the killed process's last long poll (see below), what comes for it waits in its queue.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      try {
        const receiptId = await upload(token, note.body.id, 'ticket.png', 'image/png', await readFile(fixture.path));
        const receipt = async () =>
          (await call<NoteDetail>(token, 'GET', `/notes/${note.body.id}`)).body.receipts.find((found) => found.id === receiptId);
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        expect((await receipt())?.status).not.toBe('processed');
        supervisor.resume(service);
        await waitUntil(`the receipt read once ${service} is back`, async () => (await receipt())?.status === 'processed', 120_000, 500);
        expect((await receipt())?.extracted?.totalInclVat?.value).toBe(fixture.truth.totalInclVat);
      } finally {
        supervisor.resume(service);
      }
    },
    240_000,
  );

  it('reads the first file of a receipt when its presigned POST is used again before the chain reads it', async () => {
    const token = await stack.issuer.mint({ tenant: 'acme', user: 'claire', roles: ['employee'] });
    const note = await call<NoteDetail>(
      token,
      'POST',
      '/notes',
      { date: '2024-03-15', amount: { value: '12.00', currency: 'EUR' } },
      { 'idempotency-key': randomUUID() },
    );
    const [first, second] = [await generateFixture(41, 1, 'png'), await generateFixture(42, 1, 'png')];
    expect(second.truth.totalInclVat).not.toBe(first.truth.totalInclVat);
    const firstBytes = await readFile(first.path);
    const asked = await askUpload(token, note.body.id, 'ticket.png', 'image/png', firstBytes.length);
    const receipt = async () =>
      (await call<NoteDetail>(token, 'GET', `/notes/${note.body.id}`)).body.receipts.find((found) => found.id === asked.receiptId);
    // The sniffer held back, so that the second file is at the key before any step reads it.
    await supervisor.kill('format-sniffer');
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    try {
      await postFile(asked, 'ticket.png', firstBytes);
      await waitUntil('the first file recorded', async () => (await receipt())?.status === 'uploaded', 60_000, 500);
      await postFile(asked, 'ticket.png', await readFile(second.path));
      supervisor.resume('format-sniffer');
      await waitUntil(
        'the receipt read or refused',
        async () => ['processed', 'refused'].includes((await receipt())?.status ?? ''),
        120_000,
        500,
      );
      expect((await receipt())?.status).toBe('processed');
      expect((await receipt())?.extracted?.totalInclVat?.value).toBe(first.truth.totalInclVat);
      const { Item } = await stack.clients.dynamodb.send(
        new GetItemCommand({
          TableName: tableName(PREFIX, 'notes'),
          Key: marshall(receiptKey(tenantScope({ tenant: 'acme', user: 'claire', roles: [] }), asked.receiptId, note.body.id)),
        }),
      );
      expect(unmarshall(Item!).sha256).toBe(createHash('sha256').update(firstBytes).digest('hex'));
    } finally {
      supervisor.resume('format-sniffer');
    }
  }, 240_000);

  it('goes on while OCR is killed: a digital PDF is read, a photo waits in its queue, and is read once OCR is back', async () => {
    const token = await stack.issuer.mint({ tenant: 'acme', user: 'bruno', roles: ['employee'] });
    const note = await call<NoteDetail>(
      token,
      'POST',
      '/notes',
      { date: '2024-03-13', amount: { value: '18.40', currency: 'EUR' } },
      { 'idempotency-key': randomUUID() },
    );
    const [photo, invoice] = [await generateFixture(21, 1, 'photo'), await generateFixture(22, 1, 'pdf-digital')];
    await supervisor.kill('ocr');
    // A long poll of the killed process may still be open on the queue's side: a message that
    // arrives before it ends goes to the dead connection and stays hidden for one visibility
    // timeout (SQS does the same). Past the 5 s poll, the queue holds what comes for OCR.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    try {
      const photoId = await upload(token, note.body.id, 'photo.jpg', 'image/jpeg', await readFile(photo.path));
      const invoiceId = await upload(token, note.body.id, 'facture.pdf', 'application/pdf', await readFile(invoice.path));
      const receipt = async (id: string) =>
        (await call<NoteDetail>(token, 'GET', `/notes/${note.body.id}`)).body.receipts.find((found) => found.id === id);
      await waitUntil('the PDF read without OCR', async () => (await receipt(invoiceId))?.status === 'processed', 60_000, 500);
      await waitUntil(
        'the photo normalised, waiting for OCR',
        async () =>
          (await receipt(photoId))?.stages.some((stage) => stage.service === 'image-normalizer' && stage.status === 'succeeded') === true,
        60_000,
        500,
      );
      expect((await receipt(photoId))?.status).toBe('reading');
      supervisor.resume('ocr');
      await waitUntil('the photo read once OCR is back', async () => (await receipt(photoId))?.status === 'processed', 120_000, 500).catch(
        (error: unknown) => {
          console.log(
            `chain: ${JSON.stringify(receipt(photoId))}\n${output
              .filter((line) => /^(ocr|receipt-parser|image-normalizer)/.test(line))
              .slice(-30)
              .join('\n')}`,
          );
          throw error;
        },
      );
      expect((await receipt(photoId))?.extracted?.totalInclVat?.value).toBe(photo.truth.totalInclVat);
    } finally {
      supervisor.resume('ocr');
    }
  }, 240_000);
});
