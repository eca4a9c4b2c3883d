import { readFile } from 'node:fs/promises';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, stageKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { JOBS_DROPPED_METRIC, derivedKey, type ReceiptText } from '@ndf/receipt-pipeline';
import { generateFixture } from '@ndf/receipt-fixtures';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'ocr-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let reader: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  reader = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await reader?.stop();
  await stack?.stop();
});

const ocr = (body: string) => reader.handle(body);

describe('ocr', () => {
  it('reads a normalised page, stores its text with word confidences beside the receipt, and hands it to the parser', async () => {
    const receiptId = '0d000000-0000-4000-8000-000000000001';
    const receipt = { tenant: 'acme', receiptId };
    const fixture = await generateFixture(3, 1, 'png');
    const pageKey = derivedKey(receipt, 'page-1.png');
    const bucket = bucketName(PREFIX, 'receipts');
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: pageKey, Body: await readFile(fixture.path) }));
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: tableName(PREFIX, 'notes'),
        Item: marshall({ ...receiptKey(scope, receiptId), tenant: 'acme', type: ITEM_TYPES.receipt, receiptId, status: 'reading' }),
      }),
    );

    const emitted = await ocr(JSON.stringify({ kind: 'ocr', receipt, pageKeys: [pageKey] }));
    const textKey = derivedKey(receipt, 'ocr.json');
    expect(emitted).toEqual([['receipt-parser', { kind: 'parse', receipt, textKey, source: 'ocr' }]]);
    const stored = JSON.parse(
      await (await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: textKey }))).Body!.transformToString(),
    ) as Extract<ReceiptText, { source: 'ocr' }>;
    expect(stored.pages).toHaveLength(1);
    expect(stored.pages[0]!.text.toUpperCase()).toContain(fixture.truth.merchant);
    expect(stored.pages[0]!.words.length).toBeGreaterThan(10);
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(stageKey(scope, 'ocr', { receiptId })) }),
    );
    expect(unmarshall(Item!)).toMatchObject({ status: 'succeeded', outcome: { pages: 1, confidence: expect.any(Number) } });
  }, 60_000);

  it('drops an OCR job for a receipt already processed (a replay, a late duplicate): its state unchanged, OCR not run', async () => {
    const receiptId = '0d000000-0000-4000-8000-000000000002';
    const receipt = { tenant: 'acme', receiptId };
    const fixture = await generateFixture(3, 1, 'png');
    const pageKey = derivedKey(receipt, 'page-1.png');
    const bucket = bucketName(PREFIX, 'receipts');
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: pageKey, Body: await readFile(fixture.path) }));
    const item = { ...receiptKey(scope, receiptId), tenant: 'acme', type: ITEM_TYPES.receipt, receiptId, status: 'processed' };
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: tableName(PREFIX, 'notes'), Item: marshall(item) }));

    const droppedBefore = reader.running.metrics.snapshot().counters[JOBS_DROPPED_METRIC] ?? 0;
    const emitted = await ocr(JSON.stringify({ kind: 'ocr', receipt, pageKeys: [pageKey] }));
    expect(emitted).toEqual([]);
    expect(reader.running.metrics.snapshot().counters[JOBS_DROPPED_METRIC]).toBe(droppedBefore + 1);
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receiptId)) }),
    );
    expect(unmarshall(Item!)).toEqual(item);
    // OCR writes its text before anything else: none written means it never ran.
    await expect(
      stack.clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: derivedKey(receipt, 'ocr.json') })),
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('goes on from the pages an earlier attempt read: a page kept beside the receipt is not read again', async () => {
    const receiptId = '0d000000-0000-4000-8000-000000000003';
    const receipt = { tenant: 'acme', receiptId };
    const fixture = await generateFixture(3, 2, 'png');
    const bucket = bucketName(PREFIX, 'receipts');
    const pageKeys = [derivedKey(receipt, 'page-1.png'), derivedKey(receipt, 'page-2.png')];
    for (const key of pageKeys)
      await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: await readFile(fixture.path) }));
    const earlier = { text: 'READ BY AN EARLIER ATTEMPT', confidence: 90, width: 1, height: 1, skew: 0, words: [], languages: ['eng'] };
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: derivedKey(receipt, 'ocr/page-1.json'), Body: JSON.stringify(earlier) }),
    );
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: tableName(PREFIX, 'notes'),
        Item: marshall({ ...receiptKey(scope, receiptId), tenant: 'acme', type: ITEM_TYPES.receipt, receiptId, status: 'reading' }),
      }),
    );

    await ocr(JSON.stringify({ kind: 'ocr', receipt, pageKeys }));
    const stored = JSON.parse(
      await (
        await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: derivedKey(receipt, 'ocr.json') }))
      ).Body!.transformToString(),
    ) as Extract<ReceiptText, { source: 'ocr' }>;
    expect(stored.pages.map((page) => page.text.toUpperCase().includes(fixture.truth.merchant))).toEqual([false, true]);
    expect(stored.pages[0]!.text).toBe('READ BY AN EARLIER ATTEMPT');
  }, 60_000);

  it('quarantines a message that is not its job', async () => {
    await expect(ocr('{"kind":"ocr","pageKeys":[]}')).rejects.toThrow('PermanentError: The message is not a well-formed ocr job.');
  });
});
