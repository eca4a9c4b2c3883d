import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, receiptKey, stageKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { derivedKey, type ReceiptText } from '@ndf/receipt-pipeline';
import { startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'parser-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let parser: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  parser = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await parser?.stop();
  await stack?.stop();
});

async function parse(receiptId: string, stored: ReceiptText | string, uploadedAt?: string): Promise<Record<string, unknown>> {
  const receipt = { tenant: 'acme', receiptId };
  const textKey = derivedKey(receipt, 'text.json');
  const bucket = bucketName(PREFIX, 'receipts');
  await stack.clients.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: textKey, Body: typeof stored === 'string' ? stored : JSON.stringify(stored) }),
  );
  await stack.clients.dynamodb.send(
    new PutItemCommand({
      TableName: tableName(PREFIX, 'notes'),
      Item: marshall({
        ...receiptKey(scope, receiptId),
        tenant: 'acme',
        type: ITEM_TYPES.receipt,
        receiptId,
        status: 'reading',
        ...(uploadedAt ? { uploadedAt } : {}),
      }),
    }),
  );
  await parser.handle({ kind: 'parse', receipt, textKey, source: 'pdf-text' });
  return unmarshall(
    (
      await stack.clients.dynamodb.send(
        new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(receiptKey(scope, receiptId)) }),
      )
    ).Item!,
  );
}

describe('receipt-parser', () => {
  it('records the fields of a digital invoice on the receipt, each with its confidence, and marks it processed', async () => {
    const text = [
      'HOTEL DES VOYAGEURS',
      '12 rue de la Gare, 69002 Lyon',
      'TVA FR40303265045',
      'Facture du 12/03/2024',
      'Total HT 35,00 EUR',
      'TVA 20 % 7,00',
      'Total TTC 42,00 EUR',
    ].join('\n');
    const item = await parse('0e000000-0000-4000-8000-000000000001', { source: 'pdf-text', text });
    expect(item.status).toBe('processed');
    expect(item.extracted).toMatchObject({
      date: { value: '2024-03-12' },
      totalInclVat: { value: '42.00' },
      totalExclVat: { value: '35.00' },
      currency: { value: 'EUR' },
      'vat:20': { value: '7.00' },
    });
    for (const found of Object.values(item.extracted as Record<string, { confidence: number }>))
      expect(found.confidence).toBeGreaterThan(0);
  });

  it('records the fields it could not read as unreadable on the receipt, rather than a guessed total', async () => {
    const text = ['Date : 12/03/2024', 'Baguette 1,20', 'Croissant 2,40'].join('\n');
    const item = await parse('0e000000-0000-4000-8000-000000000003', { source: 'pdf-text', text }, '2024-03-14T09:30:00.000Z');
    expect(item.status).toBe('processed');
    expect(item.extracted).toMatchObject({ date: { value: '2024-03-12' } });
    expect(item.extracted).not.toHaveProperty('totalInclVat');
    expect(item.unreadable).toEqual(['merchant', 'totalInclVat']);
  });

  it('records no unreadable field when the receipt is read', async () => {
    const text = ['CAFE DE LA GARE', '12/03/2024', 'TOTAL TTC 2,50', 'CB 2,50'].join('\n');
    const item = await parse('0e000000-0000-4000-8000-000000000004', { source: 'pdf-text', text }, '2024-03-14T09:30:00.000Z');
    expect(item.unreadable).toBeUndefined();
  });

  it("judges the receipt's dates from its upload time, not from the time it is parsed", async () => {
    // Read from today, a date this old with no label is taken for an OCR slip; from its upload two days later, it is the day, read with a fair confidence (about 0.35 from today).
    const text = ['LA PETITE EPICERIE', '12/03/2024 10:42', 'TOTAL TTC 8,40', 'CB 8,40'].join('\n');
    const item = await parse('0e000000-0000-4000-8000-000000000005', { source: 'pdf-text', text }, '2024-03-14T09:30:00.000Z');
    expect(item.extracted).toMatchObject({ date: { value: '2024-03-12' } });
    expect((item.extracted as Record<string, { confidence: number }>).date!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('quarantines a text that is not JSON, and marks its receipt failed with the stage saying so', async () => {
    const receiptId = '0e000000-0000-4000-8000-000000000002';
    await expect(parse(receiptId, '{nope')).rejects.toThrow(
      `PermanentError: derived/acme/${receiptId}/text.json is not the JSON text of a receipt.`,
    );
    const read = async (key: { pk: string; sk: string }) =>
      unmarshall(
        (await stack.clients.dynamodb.send(new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(key) }))).Item!,
      );
    expect((await read(receiptKey(scope, receiptId))).status).toBe('failed');
    expect(await read(stageKey(scope, 'receipt-parser', { receiptId }))).toMatchObject({ status: 'failed', code: 'quarantined' });
  });
});
