import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, receiptObjectKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { JOBS_DROPPED_METRIC, type ReceiptJob } from '@ndf/receipt-pipeline';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { digitalInvoice, encryptedPdf, scannedPdf } from './pdfs.js';

const PREFIX = 'inspector-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let inspector: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  inspector = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await inspector?.stop();
  await stack?.stop();
});

const bucket = () => bucketName(PREFIX, 'receipts');

async function sniffedPdf(receiptId: string, body: Uint8Array): Promise<ReceiptJob> {
  const objectKey = receiptObjectKey(scope, receiptId);
  await stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket(), Key: objectKey, Body: body }));
  await stack.clients.dynamodb.send(
    new PutItemCommand({
      TableName: tableName(PREFIX, 'notes'),
      Item: marshall({
        ...receiptKey(scope, receiptId),
        tenant: 'acme',
        type: ITEM_TYPES.receipt,
        receiptId,
        status: 'reading',
        objectKey,
      }),
    }),
  );
  return { kind: 'inspect-pdf', receipt: { tenant: 'acme', receiptId }, objectKey };
}

const inspect = (job: ReceiptJob | string) => inspector.handle(job);

const receiptItem = async (receiptId: string) =>
  unmarshall(
    (
      await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receiptId)) }),
      )
    ).Item!,
  );
const objectText = async (key: string) =>
  (await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }))).Body!.transformToString();

describe('pdf-inspector', () => {
  it("hands a digital invoice's text, one line per row, to the parser", async () => {
    const receiptId = '0c000000-0000-4000-8000-000000000001';
    const emitted = await inspect(await sniffedPdf(receiptId, await (await digitalInvoice()).save()));
    const textKey = `derived/acme/${receiptId}/text.json`;
    expect(emitted).toEqual([['receipt-parser', { kind: 'parse', receipt: { tenant: 'acme', receiptId }, textKey, source: 'pdf-text' }]]);
    expect((JSON.parse(await objectText(textKey)) as { text: string }).text).toMatch(/Total TTC\s+42,00 EUR/);
    // The first message starts the service's worker pool, which loads pdf.js.
  }, 90_000);

  it("hands a scanned PDF's pages, as images beside it, to OCR", async () => {
    const receiptId = '0c000000-0000-4000-8000-000000000002';
    const emitted = await inspect(await sniffedPdf(receiptId, await scannedPdf(2)));
    const pageKeys = [`derived/acme/${receiptId}/page-1.png`, `derived/acme/${receiptId}/page-2.png`];
    expect(emitted).toEqual([['ocr', { kind: 'ocr', receipt: { tenant: 'acme', receiptId }, pageKeys }]]);
    expect((await receiptItem(receiptId)).pageKeys).toEqual(pageKeys);
    expect((await objectText(pageKeys[0]!)).slice(1, 4)).toBe('PNG');
  });

  it('drops its job sent again while the receipt is still reading (OCR under way): no page rendered again, no second OCR job', async () => {
    const receiptId = '0c000000-0000-4000-8000-000000000004';
    const job = await sniffedPdf(receiptId, await scannedPdf(1));
    const pageKey = `derived/acme/${receiptId}/page-1.png`;
    expect(await inspect(job)).toEqual([['ocr', { kind: 'ocr', receipt: { tenant: 'acme', receiptId }, pageKeys: [pageKey] }]]);
    await stack.clients.s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: pageKey }));
    const dropped = () => inspector.running.metrics.snapshot().counters[JOBS_DROPPED_METRIC] ?? 0;
    const droppedBefore = dropped();

    expect(await inspect(job)).toEqual([]);
    expect(dropped()).toBe(droppedBefore + 1);
    expect(await receiptItem(receiptId)).toMatchObject({ status: 'reading', pageKeys: [pageKey] });
    await expect(stack.clients.s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: pageKey }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it('refuses an encrypted PDF with its reason, and quarantines a message that is not its job', async () => {
    const receiptId = '0c000000-0000-4000-8000-000000000003';
    expect(await inspect(await sniffedPdf(receiptId, await encryptedPdf({ userPassword: 'secret' })))).toEqual([]);
    expect(await receiptItem(receiptId)).toMatchObject({ status: 'refused', refusal: { code: 'encrypted-pdf' } });
    await expect(inspect('{}')).rejects.toThrow('PermanentError: The message is not a well-formed inspect-pdf job.');
  });
});
