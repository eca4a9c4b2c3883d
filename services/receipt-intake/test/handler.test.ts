import { createHash } from 'node:crypto';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  originalKey,
  receiptDigestKey,
  receiptKey,
  receiptObjectKey,
  stageKey,
  tenantScope,
  type ChangeMessage,
  type ReceiptItem,
} from '@ndf/contracts';
import { originalOf, readObject, receiptOfChange } from '@ndf/receipt-pipeline';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { waitUntil } from '@ndf/local-stack';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { DynamoQuarantineStore, PermanentError, startService, type RunningService } from '@ndf/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOADS_IGNORED_METRIC } from '../src/handler.js';
import { createdObjects } from '../src/s3-event.js';
import { service } from '../src/service.js';

const PREFIX = 'intake-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let running: RunningService;
const stop = new AbortController();

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  running = await startService(service, { env: { ...stack.environment(), LOG_LEVEL: 'silent' }, signal: stop.signal, drainMs: 1_000 });
});
afterAll(async () => {
  stop.abort();
  await running?.stopped;
  await stack?.stop();
});

const notes = () => tableName(PREFIX, 'notes');

async function askedReceipt(receiptId: string, noteId?: string): Promise<string> {
  const objectKey = receiptObjectKey(scope, receiptId, noteId);
  const item: ReceiptItem = {
    ...receiptKey(scope, receiptId, noteId),
    tenant: scope.tenant,
    type: ITEM_TYPES.receipt,
    receiptId,
    ...(noteId ? { noteId } : {}),
    uploader: scope.user,
    status: 'awaiting_upload',
    fileName: 'ticket.jpg',
    declaredContentType: 'image/jpeg',
    declaredSize: 11,
    objectKey,
    requestedAt: new Date().toISOString(),
  };
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: notes(), Item: marshall(item) }));
  return objectKey;
}

async function receipt(receiptId: string, noteId?: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({ TableName: notes(), Key: marshall(receiptKey(scope, receiptId, noteId)), ConsistentRead: true }),
  );
  return Item && unmarshall(Item);
}

async function originalIndexed(receiptId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({ TableName: notes(), Key: marshall(originalKey(scope, receiptId)), ConsistentRead: true }),
  );
  return Item && unmarshall(Item);
}

const quarantine = () =>
  new DynamoQuarantineStore({
    dynamodb: stack.clients.dynamodb,
    s3: stack.clients.s3,
    sqs: stack.clients.sqs,
    tableName: tableName(PREFIX, 'runtime'),
    bucketName: bucketName(PREFIX, 'quarantine'),
  });

describe('receipt-intake', () => {
  it('records the SHA-256 and size of an uploaded original, once, with its stage, and leaves the original untouched', async () => {
    const receiptId = '0b3f6f0e-6a55-4b8e-9a51-3c1c9c1c2a01';
    const noteId = '5a0c3a1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f';
    const key = await askedReceipt(receiptId, noteId);
    const bytes = Buffer.from('%PDF-1.7 a receipt\n%%EOF\n');
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucketName(PREFIX, 'receipts'), Key: key, Body: bytes }));

    await waitUntil('the receipt recorded', async () => (await receipt(receiptId, noteId))?.status === 'uploaded', 15_000);
    const recorded = await receipt(receiptId, noteId);
    expect(recorded).toMatchObject({
      status: 'uploaded',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      fileName: 'ticket.jpg',
    });
    const { Item: stage } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: notes(), Key: marshall(stageKey(scope, 'receipt-intake', { receiptId, noteId })) }),
    );
    expect(unmarshall(stage!)).toMatchObject({
      type: 'STAGE',
      service: 'receipt-intake',
      status: 'succeeded',
      outcome: { size: bytes.length },
    });

    // Indexed for the retention keeper's daily seal: where, which version, its digest and size, when.
    const indexed = await originalIndexed(receiptId);
    expect(indexed).toMatchObject({
      type: 'ORIGINAL',
      tenant: 'acme',
      receiptId,
      noteId,
      key,
      sha256: recorded!.sha256,
      size: bytes.length,
      versionId: recorded!.objectVersionId ?? null,
      gsi1pk: `ORIGINALS#${String(indexed!.indexedAt).slice(0, 7)}`,
    });

    // The same notification again (S3 delivers at least once): nothing changes.
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Post',
          eventTime: '2026-01-01T00:00:00.000Z',
          s3: { bucket: { name: bucketName(PREFIX, 'receipts') }, object: { key, size: bytes.length } },
        },
      ],
    };
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.queues.get('receipt-intake')!.queue.url, MessageBody: JSON.stringify(event) }),
    );
    await waitUntil('the repeat handled', async () => (running.metrics.snapshot().counters.succeeded ?? 0) >= 2, 15_000);
    expect(await receipt(receiptId, noteId)).toEqual(recorded);
    expect(await originalIndexed(receiptId)).toEqual(indexed);
    const original = await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucketName(PREFIX, 'receipts'), Key: key }));
    expect(Buffer.from(await original.Body!.transformToByteArray()).equals(bytes)).toBe(true);
  });

  it('pins the first upload: a second upload with the same presigned POST is noted, not processed, and the chain reads the first', async () => {
    const receiptId = '2c6e1f3a-7b1d-4c2e-9f0a-1b2c3d4e5f60';
    const key = await askedReceipt(receiptId);
    const bucket = bucketName(PREFIX, 'receipts');
    const { url, fields } = await createPresignedPost(stack.clients.s3, { Bucket: bucket, Key: key, Expires: 900 });
    const upload = async (bytes: Buffer) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([bytes]), 'ticket.jpg');
      const response = await fetch(url, { method: 'POST', body: form });
      expect(response.status).toBe(204);
      return response.headers.get('x-amz-version-id')!;
    };
    const first = Buffer.from('the photo the sniffer checks');
    const firstVersion = await upload(first);
    await waitUntil('the receipt recorded', async () => (await receipt(receiptId))?.status === 'uploaded', 15_000);
    const ignoredBefore = running.metrics.snapshot().counters[UPLOADS_IGNORED_METRIC] ?? 0;
    const second = Buffer.from('another file, sent later with the same form');
    const secondVersion = await upload(second);
    expect(secondVersion).not.toBe(firstVersion);

    const intakeStage = async () => {
      const { Item } = await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: notes(), Key: marshall(stageKey(scope, 'receipt-intake', { receiptId })), ConsistentRead: true }),
      );
      return Item && unmarshall(Item);
    };
    await waitUntil(
      'the second upload noted',
      async () => ((await intakeStage())?.ignoredUploadVersions as Set<string>)?.has(secondVersion),
      15_000,
    );
    expect(running.metrics.snapshot().counters[UPLOADS_IGNORED_METRIC]).toBe(ignoredBefore + 1);
    expect(await receipt(receiptId)).toMatchObject({
      status: 'uploaded',
      sha256: createHash('sha256').update(first).digest('hex'),
      size: first.length,
      objectVersionId: firstVersion,
    });
    // The key now holds the second file; every later step reads the recorded version.
    const atKey = await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(Buffer.from(await atKey.Body!.transformToByteArray()).equals(second)).toBe(true);
    const change = {
      itemType: 'RECEIPT',
      keys: receiptKey(scope, receiptId),
      newImage: await receipt(receiptId),
    } as unknown as ChangeMessage;
    const { objectKey, objectVersionId } = receiptOfChange(change);
    const read = await readObject(stack.clients.s3, bucket, originalOf({ objectKey, objectVersionId }), AbortSignal.timeout(10_000));
    expect(createHash('sha256').update(read).digest('hex')).toBe(createHash('sha256').update(first).digest('hex'));
  });

  it('flags a file the tenant already sent on another receipt as a duplicate of it, idempotently, without refusing it', async () => {
    const bucket = bucketName(PREFIX, 'receipts');
    const bytes = Buffer.from(`the same restaurant bill ${Date.now()}`);
    const firstId = '3d7f2a4b-8c2e-4d3f-a01b-2c3d4e5f6071';
    const noteId = '6b1d4b2f-3a4c-4d6e-9f01-1b2c3d4e5f60';
    const secondId = '4e803b5c-9d3f-4e40-b12c-3d4e5f607182';
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: await askedReceipt(firstId, noteId), Body: bytes }));
    await waitUntil('the first recorded', async () => (await receipt(firstId, noteId))?.status === 'uploaded', 15_000);
    const secondKey = await askedReceipt(secondId);
    const put = await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: secondKey, Body: bytes }));
    await waitUntil('the second recorded', async () => (await receipt(secondId))?.status === 'uploaded', 15_000);

    expect(await receipt(firstId, noteId)).not.toHaveProperty('duplicateOf');
    expect(await receipt(secondId)).toMatchObject({ status: 'uploaded', duplicateOf: { receiptId: firstId, noteId } });

    // The second's event again (at least once delivery): the same flag, and the claim still the first's.
    const succeeded = running.metrics.snapshot().counters.succeeded ?? 0;
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: '2026-01-01T00:00:00.000Z',
          s3: { bucket: { name: bucket }, object: { key: secondKey, size: bytes.length, versionId: put.VersionId } },
        },
      ],
    };
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.queues.get('receipt-intake')!.queue.url, MessageBody: JSON.stringify(event) }),
    );
    await waitUntil('the repeat handled', async () => (running.metrics.snapshot().counters.succeeded ?? 0) > succeeded, 15_000);
    expect(await receipt(secondId)).toMatchObject({ duplicateOf: { receiptId: firstId, noteId } });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: notes(), Key: marshall(receiptDigestKey(scope, sha256)), ConsistentRead: true }),
    );
    expect(unmarshall(Item!)).toMatchObject({ type: 'RECEIPT_DIGEST', sha256, receiptId: firstId, noteId });

    // Another tenant's receipt with the same bytes is nobody's duplicate.
    const other = tenantScope({ tenant: 'globex', user: 'bob', roles: ['employee'] });
    const otherId = '5f914c6d-ae40-4f51-823d-4e5f60718293';
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: notes(),
        Item: marshall({
          ...receiptKey(other, otherId),
          tenant: other.tenant,
          type: ITEM_TYPES.receipt,
          receiptId: otherId,
          uploader: other.user,
          status: 'awaiting_upload',
          fileName: 'ticket.jpg',
          declaredContentType: 'image/jpeg',
          declaredSize: bytes.length,
          objectKey: receiptObjectKey(other, otherId),
          requestedAt: new Date().toISOString(),
        } satisfies ReceiptItem),
      }),
    );
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: receiptObjectKey(other, otherId), Body: bytes }));
    const otherReceipt = async () => {
      const { Item: item } = await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: notes(), Key: marshall(receiptKey(other, otherId)), ConsistentRead: true }),
      );
      return item && unmarshall(item);
    };
    await waitUntil('the other tenant recorded', async () => (await otherReceipt())?.status === 'uploaded', 15_000);
    expect(await otherReceipt()).not.toHaveProperty('duplicateOf');
  });

  it('quarantines an object no receipt was asked for, and a message that is not an S3 notification', async () => {
    const stray = receiptObjectKey(scope, '9d1f0c55-1111-4222-8333-944455556666');
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucketName(PREFIX, 'receipts'), Key: stray, Body: 'bytes' }));
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.provisioned.queues.get('receipt-intake')!.queue.url, MessageBody: '{"not":"an event"}' }),
    );
    await waitUntil('both in quarantine', async () => (await quarantine().list({ service: 'receipt-intake' })).items.length >= 2, 15_000);
    const reasons = (await quarantine().list({ service: 'receipt-intake' })).items.map((item) => item.reason).sort();
    expect(reasons).toEqual([
      'PermanentError: No receipt 9d1f0c55-1111-4222-8333-944455556666 was asked for in tenant acme.',
      'PermanentError: The message has no Records: not an S3 notification.',
    ]);
  });
});

describe('reading an S3 notification', () => {
  it('decodes keys, passes over the test event and other events, and refuses what is not a notification', () => {
    const records = createdObjects(
      JSON.stringify({
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            eventTime: 't',
            s3: { bucket: { name: 'b' }, object: { key: 'tenants/acme/receipts/a+b%C3%A9', size: 3 } },
          },
          { eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: 'b' }, object: { key: 'x', size: 0 } } },
        ],
      }),
    );
    expect(records).toEqual([{ bucket: 'b', key: 'tenants/acme/receipts/a bé', size: 3, eventTime: 't' }]);
    expect(createdObjects(JSON.stringify({ Event: 's3:TestEvent' }))).toEqual([]);
    expect(() => createdObjects('{nope')).toThrow(PermanentError);
    expect(() => createdObjects(JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: {} }] }))).toThrow(PermanentError);
  });
});
