import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { receiptKey, stageKey, tenantScope, type ChangeMessage } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startServiceUnderTest, storeUploadedReceipt, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';
import { receiptImage } from './inputs.js';

const PREFIX = 'sniffer-';
const scope = tenantScope({ tenant: 'acme', user: 'alice', roles: ['employee'] });
let stack: SharedStack;
let sniffer: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  sniffer = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await sniffer?.stop();
  await stack?.stop();
});

/** A receipt as receipt-intake leaves it: uploaded, with its bytes in the bucket; and the change the router sends. */
const uploaded = (receiptId: string, fileName: string, declaredContentType: string, body: Uint8Array): Promise<ChangeMessage> =>
  storeUploadedReceipt(stack, PREFIX, { scope, receiptId, fileName, declaredContentType, body });

async function sniff(
  change: ChangeMessage,
): Promise<{ emitted: (readonly [string, unknown])[]; receipt: Record<string, unknown>; stage: Record<string, unknown> | undefined }> {
  const delivery = await sniffer.deliver(change);
  expect(delivery.outcome).toBe('succeeded');
  const receiptId = String(change.newImage!.receiptId);
  const read = async (key: { pk: string; sk: string }) =>
    (await stack.clients.dynamodb.send(new GetItemCommand({ TableName: tableName(PREFIX, 'notes'), Key: marshall(key) }))).Item;
  const receipt = unmarshall((await read(receiptKey(scope, receiptId)))!);
  const stage = await read(stageKey(scope, 'format-sniffer', { receiptId }));
  return { emitted: [...delivery.sent], receipt, stage: stage && unmarshall(stage) };
}

describe('format-sniffer', () => {
  it('sends a PNG renamed .pdf on to the image normaliser as the PNG it is, and records what it found', async () => {
    const change = await uploaded('0a000000-0000-4000-8000-000000000001', 'facture.pdf', 'application/pdf', await receiptImage('png'));
    const { emitted, receipt, stage } = await sniff(change);
    expect(emitted).toEqual([
      [
        'image-normalizer',
        expect.objectContaining({ kind: 'normalize-image', detectedType: 'image/png', objectKey: change.newImage!.objectKey }),
      ],
    ]);
    expect(receipt).toMatchObject({ status: 'reading', detectedType: 'image/png' });
    expect(stage).toMatchObject({ status: 'succeeded', outcome: { format: 'png', mismatch: expect.anything() } });
    // Seen again (the stream repeats): nothing more is sent.
    expect((await sniff({ ...change, newImage: { ...change.newImage!, detectedType: 'image/png' } })).emitted).toEqual([]);
  });

  it('refuses an empty file with a reason the app can show, as a normal outcome', async () => {
    const { emitted, receipt, stage } = await sniff(
      await uploaded('0a000000-0000-4000-8000-000000000002', 'ticket.jpg', 'image/jpeg', new Uint8Array(0)),
    );
    expect(emitted).toEqual([]);
    expect(receipt).toMatchObject({ status: 'refused', refusal: { code: 'empty' } });
    expect(stage).toMatchObject({
      status: 'refused',
      code: 'empty',
      outcome: { message: { fr: expect.any(String), en: expect.any(String) } },
    });
  });

  it('reads the receipt when the stream router sent the change without its images', async () => {
    const { newImage, ...change } = await uploaded(
      '0a000000-0000-4000-8000-000000000003',
      'ticket.png',
      'image/png',
      await receiptImage('png'),
    );
    const delivery = await sniffer.deliver({ ...change, imagesOmitted: true });
    expect(delivery.outcome).toBe('succeeded');
    expect(delivery.sent).toEqual([['image-normalizer', expect.objectContaining({ objectKey: newImage!.objectKey })]]);
  });

  it('quarantines a message that is not a change', async () => {
    expect(await sniffer.deliver({ kind: 'nope' })).toMatchObject({
      outcome: 'quarantined',
      reason: 'PermanentError: The message is not a change from the stream router.',
    });
  });
});
