import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, receiptObjectKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { JOBS_DROPPED_METRIC, type ReceiptJob } from '@ndf/receipt-pipeline';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { BLUE, GREEN, RED, colourAt, exifRotatedJpeg, near, pngBomb } from './images.js';

const PREFIX = 'normalizer-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let normalizer: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  normalizer = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await normalizer?.stop();
  await stack?.stop();
});

const bucket = () => bucketName(PREFIX, 'receipts');

/** A receipt the sniffer has read as an image: its item, its original, and the job it sent. */
async function sniffedImage(receiptId: string, body: Uint8Array, detectedType: string): Promise<ReceiptJob> {
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
  return { kind: 'normalize-image', receipt: { tenant: 'acme', receiptId }, objectKey, detectedType };
}

const normalize = (job: ReceiptJob | string) => normalizer.handle(job);

const receiptItem = async (receiptId: string) =>
  unmarshall(
    (
      await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receiptId)) }),
      )
    ).Item!,
  );

describe('image-normalizer', () => {
  it('writes an upright copy and thumbnails beside a phone photo rotated by EXIF, records them, hands the page to OCR, and leaves the original alone', async () => {
    const receiptId = '0b000000-0000-4000-8000-000000000001';
    const original = await exifRotatedJpeg(6);
    const job = await sniffedImage(receiptId, original, 'image/jpeg');
    const emitted = await normalize(job);

    const item = await receiptItem(receiptId);
    expect(item.pageKeys).toEqual([`derived/acme/${receiptId}/page-1.jpg`]);
    expect((item.thumbnails as { width: number }[]).map((thumbnail) => thumbnail.width)).toEqual([200, 800]);
    expect(emitted).toEqual([['ocr', { kind: 'ocr', receipt: { tenant: 'acme', receiptId }, pageKeys: item.pageKeys }]]);
    const page = await stack.clients.s3.send(new GetObjectCommand({ Bucket: bucket(), Key: (item.pageKeys as string[])[0] }));
    const pageBytes = Buffer.from(await page.Body!.transformToByteArray());
    const meta = await sharp(pageBytes).metadata();
    // Stored turned with orientation 6, shown upright: portrait, red on top, blue below, green on the left, no EXIF left.
    expect([meta.height! > meta.width!, meta.orientation, meta.exif]).toEqual([true, undefined, undefined]);
    expect([
      near(await colourAt(pageBytes, 0.6, 0.2), RED),
      near(await colourAt(pageBytes, 0.6, 0.8), BLUE),
      near(await colourAt(pageBytes, 0.05, 0.5), GREEN),
    ]).toEqual([true, true, true]);
    const kept = await stack.clients.s3.send(
      new GetObjectCommand({ Bucket: bucket(), Key: job.kind === 'normalize-image' ? job.objectKey : '' }),
    );
    expect(Buffer.from(await kept.Body!.transformToByteArray()).equals(original)).toBe(true);
  });

  it('drops its job sent again while the receipt is still reading (OCR under way): no page written again, no second OCR job', async () => {
    const receiptId = '0b000000-0000-4000-8000-000000000003';
    const job = await sniffedImage(receiptId, await exifRotatedJpeg(1), 'image/jpeg');
    const [[, ocrJob]] = (await normalize(job)) as [[string, { pageKeys: string[] }]];
    const pageKey = ocrJob.pageKeys[0]!;
    await stack.clients.s3.send(new DeleteObjectCommand({ Bucket: bucket(), Key: pageKey }));
    const dropped = () => normalizer.running.metrics.snapshot().counters[JOBS_DROPPED_METRIC] ?? 0;
    const droppedBefore = dropped();

    expect(await normalize(job)).toEqual([]);
    expect(dropped()).toBe(droppedBefore + 1);
    expect(await receiptItem(receiptId)).toMatchObject({ status: 'reading', pageKeys: [pageKey] });
    await expect(stack.clients.s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: pageKey }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });

  it("refuses a decompression bomb from its header, as the receipt's outcome", async () => {
    const receiptId = '0b000000-0000-4000-8000-000000000002';
    expect(await normalize(await sniffedImage(receiptId, pngBomb(), 'image/png'))).toEqual([]);
    expect(await receiptItem(receiptId)).toMatchObject({ status: 'refused', refusal: { code: expect.stringMatching(/pixel|bomb|large/) } });
  });

  it('quarantines a message that is not its job', async () => {
    await expect(normalize('{"kind":"ocr"}')).rejects.toThrow('PermanentError: The message is not a well-formed normalize-image job.');
  });
});
