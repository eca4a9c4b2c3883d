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

async function parse(receiptId: string, stored: ReceiptText | string): Promise<Record<string, unknown>> {
  const receipt = { tenant: 'acme', receiptId };
  const textKey = derivedKey(receipt, 'text.json');
  const bucket = bucketName(PREFIX, 'receipts');
  await stack.clients.s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: textKey, Body: typeof stored === 'string' ? stored : JSON.stringify(stored) }),
  );
  await stack.clients.dynamodb.send(
    new PutItemCommand({
      TableName: tableName(PREFIX, 'notes'),
      Item: marshall({ ...receiptKey(scope, receiptId), tenant: 'acme', type: ITEM_TYPES.receipt, receiptId, status: 'reading' }),
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
