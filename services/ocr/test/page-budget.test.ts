import { readFile } from 'node:fs/promises';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, serviceEntry, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { derivedKey } from '@ndf/receipt-pipeline';
import { generateFixture } from '@ndf/receipt-fixtures';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrService } from '../src/service.js';

const PREFIX = 'ocr-budget-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const entry = serviceEntry('ocr');
let stack: SharedStack;
let reader: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  // A 1.5 s deadline: each page gets 500 ms, which no page of this size is read in.
  // (The catalog types its entry's limits as the literal figures: a test's shorter deadline is cast.)
  const deadlineMs = 1_500 as typeof entry.limits.deadlineMs;
  reader = await startServiceUnderTest(ocrService({ ...entry, limits: { ...entry.limits, deadlineMs } }), stack);
});
afterAll(async () => {
  await reader?.stop();
  await stack?.stop();
});

describe('the time of one page', () => {
  it('refuses the receipt when a page runs past its time twice: tried once more, then a refusal with its reason, not a quarantine', async () => {
    const receiptId = '0d000000-0000-4000-8000-0000000000b1';
    const receipt = { tenant: 'acme', receiptId };
    const fixture = await generateFixture(3, 3, 'png');
    const page = await sharp(await readFile(fixture.path))
      .resize({ width: 2400 })
      .png()
      .toBuffer();
    const pageKey = derivedKey(receipt, 'page-1.png');
    await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucketName(PREFIX, 'receipts'), Key: pageKey, Body: page }));
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: tableName(PREFIX, 'notes'),
        Item: marshall({ ...receiptKey(scope, receiptId), tenant: 'acme', type: ITEM_TYPES.receipt, receiptId, status: 'reading' }),
      }),
    );

    const delivery = await reader.deliver({ kind: 'ocr', receipt, pageKeys: [pageKey] }, { timeoutMs: 60_000 });
    expect(delivery.outcome).toBe('succeeded');
    const { Item } = await stack.clients.dynamodb.send(
      new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receiptId)) }),
    );
    expect(unmarshall(Item!)).toMatchObject({ status: 'refused', refusal: { code: 'processing-timeout' } });
  }, 90_000);
});
