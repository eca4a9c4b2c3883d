// The hostile-input catalogue of the receipt services: each file or message sent to the service
// that takes it, through its queue, with every receipt service running, and the outcome expected.
// None may leave a message in flight for ever (a delivery waits a bounded time) or a receipt
// without a final state: each ends refused with its code, quarantined (failed), or processed,
// the services after the first one taking it on through the chain.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, receiptObjectKey, tenantScope, type ReceiptStatus, type RefusalCode } from '@ndf/contracts';
import { service as imageNormalizer } from '@ndf/image-normalizer/service';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { service as ocr } from '@ndf/ocr/service';
import { service as pdfInspector } from '@ndf/pdf-inspector/service';
import { JOBS_DROPPED_METRIC, derivedKey, stageItem, type ReceiptRef } from '@ndf/receipt-pipeline';
import { service as receiptParser } from '@ndf/receipt-parser/service';
import { service as formatSniffer } from '@ndf/format-sniffer/service';
import { startServiceUnderTest, type Delivery, type ServiceUnderTest } from '@ndf/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as hostile from './hostile-files.js';

const PREFIX = 'hostile-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
const DEFINITIONS = {
  'format-sniffer': formatSniffer,
  'image-normalizer': imageNormalizer,
  'pdf-inspector': pdfInspector,
  ocr,
  'receipt-parser': receiptParser,
};
type ReceiptService = keyof typeof DEFINITIONS;

/** What a case sends: a file (to the sniffer, the normaliser, the inspector or OCR) or a stored text (to the parser). */
interface Input {
  readonly bytes?: () => Promise<Uint8Array> | Uint8Array;
  readonly text?: () => string;
  readonly fileName?: string;
  /** The receipt's status when the message arrives; the step's own by default. */
  readonly status?: ReceiptStatus;
  /** The service's stage on the receipt already succeeded: its job comes again (a replay, a late duplicate). */
  readonly stageDone?: boolean;
}

type Expected =
  | { readonly refused: RefusalCode }
  | { readonly final: Extract<ReceiptStatus, 'processed' | 'failed'> }
  | { readonly unchanged: ReceiptStatus };

const CASES: readonly (readonly [ReceiptService, string, Input, Expected])[] = [
  ['format-sniffer', 'a PNG renamed .pdf', { bytes: hostile.receiptPng, fileName: 'ticket.pdf' }, { final: 'processed' }],
  ['format-sniffer', 'an AVIF photo', { bytes: hostile.receiptAvif, fileName: 'IMG_0042.avif' }, { final: 'processed' }],
  ['format-sniffer', 'an empty file', { bytes: () => new Uint8Array(0) }, { refused: 'empty' }],
  ['format-sniffer', 'a JPEG cut in half', { bytes: hostile.truncatedJpeg }, { refused: 'truncated' }],
  ['format-sniffer', 'a file over the size limit', { bytes: hostile.hugeFile }, { refused: 'too-large' }],
  ['format-sniffer', 'a password-protected PDF', { bytes: hostile.passwordPdf, fileName: 'facture.pdf' }, { refused: 'encrypted-pdf' }],
  ['image-normalizer', 'an AVIF photo', { bytes: hostile.receiptAvif }, { final: 'processed' }],
  ['image-normalizer', 'a decompression bomb (65,535 x 65,535 PNG)', { bytes: hostile.pngBomb }, { refused: 'too-many-pixels' }],
  ['image-normalizer', 'an HEIC claiming 80 megapixels', { bytes: hostile.hugeHeic }, { refused: 'too-many-pixels' }],
  ['image-normalizer', 'a JPEG cut in half', { bytes: hostile.truncatedJpeg }, { refused: 'undecodable' }],
  ['pdf-inspector', 'a password-protected PDF', { bytes: hostile.passwordPdf }, { refused: 'encrypted-pdf' }],
  ['pdf-inspector', 'a PDF of 21 pages', { bytes: () => hostile.longPdf(21) }, { refused: 'too-many-pages' }],
  ['pdf-inspector', 'bytes that are no PDF', { bytes: () => Buffer.from('%PDF-1.7\nnot a pdf at all\n%%EOF') }, { refused: 'corrupt-pdf' }],
  ['pdf-inspector', 'a scanned PDF of 20 pages', { bytes: () => hostile.longScannedPdf(20) }, { final: 'processed' }],
  ['ocr', 'the page of an AVIF photo, normalised', { bytes: hostile.receiptAvif }, { final: 'processed' }],
  [
    'image-normalizer',
    'its job again while OCR reads the receipt',
    { bytes: hostile.receiptPng, stageDone: true },
    { unchanged: 'reading' },
  ],
  [
    'pdf-inspector',
    'its job again while OCR reads the receipt',
    { bytes: () => hostile.longScannedPdf(1), stageDone: true },
    { unchanged: 'reading' },
  ],
  ['ocr', 'a late OCR job for a processed receipt', { bytes: hostile.receiptPng, status: 'processed' }, { unchanged: 'processed' }],
  ['receipt-parser', 'a text with a 200,000-character line', { text: hostile.longLineText }, { final: 'processed' }],
  ['receipt-parser', 'a text that is not JSON', { text: () => '{nope' }, { final: 'failed' }],
];

let stack: SharedStack;
const running = new Map<ReceiptService, ServiceUnderTest>();

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  for (const [name, definition] of Object.entries(DEFINITIONS))
    running.set(name as ReceiptService, await startServiceUnderTest(definition as never, stack));
});
afterAll(async () => {
  for (const service of running.values()) await service.stop();
  await stack?.stop();
});

const STEP_STATUS: Record<ReceiptService, ReceiptStatus> = {
  'format-sniffer': 'uploaded',
  'image-normalizer': 'reading',
  'pdf-inspector': 'reading',
  ocr: 'reading',
  'receipt-parser': 'reading',
};

/** Stores the case's file or text and its receipt, and builds the message the service takes. */
async function arrange(service: ReceiptService, receipt: ReceiptRef, input: Input): Promise<object> {
  const bucket = bucketName(PREFIX, 'receipts');
  const put = (Key: string, Body: Uint8Array | string) => stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
  const objectKey = receiptObjectKey(scope, receipt.receiptId);
  const bytes = input.bytes ? await input.bytes() : undefined;
  const status = input.status ?? STEP_STATUS[service];
  const item = {
    ...receiptKey(scope, receipt.receiptId),
    tenant: 'acme',
    type: ITEM_TYPES.receipt,
    receiptId: receipt.receiptId,
    objectKey,
    status,
  };
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: tableName(PREFIX, 'notes'), Item: marshall(item) }));
  if (input.stageDone) {
    const stage = stageItem(scope, service, { receiptId: receipt.receiptId }, { status: 'succeeded' });
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: tableName(PREFIX, 'notes'), Item: marshall(stage) }));
  }
  switch (service) {
    case 'format-sniffer': {
      await put(objectKey, bytes!);
      const newImage = { ...item, size: bytes!.length, fileName: input.fileName ?? 'receipt.jpg' };
      const keys = receiptKey(scope, receipt.receiptId);
      return {
        kind: 'change',
        table: 'notes',
        eventId: receipt.receiptId,
        eventName: 'MODIFY',
        itemType: 'RECEIPT',
        keys,
        sequenceNumber: '1',
        newImage,
      };
    }
    case 'image-normalizer':
      await put(objectKey, bytes!);
      return { kind: 'normalize-image', receipt, objectKey, detectedType: 'image/jpeg' };
    case 'pdf-inspector':
      await put(objectKey, bytes!);
      return { kind: 'inspect-pdf', receipt, objectKey };
    case 'ocr': {
      // OCR reads the normaliser's page: the case's photo, as the normaliser writes it.
      const pageKey = derivedKey(receipt, 'page-1.jpg');
      await put(pageKey, await sharp(bytes!).jpeg().toBuffer());
      return { kind: 'ocr', receipt, pageKeys: [pageKey] };
    }
    case 'receipt-parser': {
      const textKey = derivedKey(receipt, 'text.json');
      await put(textKey, input.text!());
      return { kind: 'parse', receipt, textKey, source: 'pdf-text' };
    }
  }
}

const receiptItem = async (receipt: ReceiptRef) =>
  unmarshall(
    (
      await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receipt.receiptId)) }),
      )
    ).Item!,
  );

const FINAL: readonly string[] = ['processed', 'refused', 'failed'];

/** The receipt once in a final state, the steps after the first one done by the services that take them. */
async function finalItem(receipt: ReceiptRef): Promise<Record<string, unknown>> {
  for (const started = Date.now(); Date.now() - started < 240_000; await new Promise((resolve) => setTimeout(resolve, 250))) {
    const item = await receiptItem(receipt);
    if (FINAL.includes(item.status as string)) return item;
  }
  return receiptItem(receipt);
}

describe('the receipt services against hostile and unlucky inputs', () => {
  it.each(CASES.map((entry, index) => [index, ...entry] as const))(
    '%i. %s: %s',
    async (index, service, _name, input, expected) => {
      const receipt = { tenant: 'acme', receiptId: `4c000000-0000-4000-8000-${String(index).padStart(12, '0')}` };
      const message = await arrange(service, receipt, input);
      const dropped = () => running.get(service)!.running.metrics.snapshot().counters[JOBS_DROPPED_METRIC] ?? 0;
      const droppedBefore = dropped();
      const delivery: Delivery = await running.get(service)!.deliver(message, { timeoutMs: 90_000 });
      const item = 'unchanged' in expected ? await receiptItem(receipt) : await finalItem(receipt);
      if ('refused' in expected) {
        expect({ outcome: delivery.outcome, status: item.status, code: item.refusal?.code }).toEqual({
          outcome: 'succeeded',
          status: 'refused',
          code: expected.refused,
        });
      } else if ('final' in expected) {
        expect(delivery.outcome).toBe(expected.final === 'failed' ? 'quarantined' : 'succeeded');
        expect(item.status).toBe(expected.final);
        if (expected.final === 'processed') expect(item.extracted).toMatchObject({ totalInclVat: { value: expect.any(String) } });
      } else {
        expect({ outcome: delivery.outcome, sent: delivery.sent, status: item.status, dropped: dropped() - droppedBefore }).toEqual({
          outcome: 'succeeded',
          sent: [],
          status: expected.unchanged,
          dropped: 1,
        });
      }
    },
    300_000,
  );
});
