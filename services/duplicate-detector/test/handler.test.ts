import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  listingSortKey,
  noteKey,
  ownerListing,
  stageKey,
  tenantScope,
  type ChangeMessage,
  type DuplicateCheckOutcome,
  type ItemKey,
  type StageItem,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { generateFixture } from '@ndf/receipt-fixtures';
import { putReceiptItem, startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNote } from '../src/check-note.js';
import { service } from '../src/service.js';

const PREFIX = 'dupes-';
let stack: SharedStack;
let detector: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  detector = await startServiceUnderTest(service, stack);
});
afterAll(async () => {
  await detector?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const id = (n: number) => `0d000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface TestNote {
  readonly tenant?: string;
  readonly noteId: string;
  readonly owner: string;
  readonly amount: string;
  readonly date?: string;
  readonly merchant?: string;
  readonly status?: string;
  readonly version?: number;
  readonly receiptIds?: readonly string[];
}

function noteItem(note: TestNote): Record<string, unknown> & ItemKey {
  const tenant = note.tenant ?? 'acme';
  const date = note.date ?? '2024-03-12';
  const owner = tenantScope({ tenant, user: note.owner, roles: ['employee'] });
  const deleted = note.status === 'deleted';
  return {
    ...noteKey(owner, note.noteId),
    type: ITEM_TYPES.note,
    tenant,
    noteId: note.noteId,
    owner: note.owner,
    status: note.status ?? 'received',
    version: note.version ?? 1,
    date,
    amount: { value: note.amount, currency: 'EUR' },
    ...(note.merchant ? { merchant: note.merchant } : {}),
    receiptIds: note.receiptIds ?? [],
    requestHash: 'h',
    createdAt: 't',
    updatedAt: 't',
    // The listing index, as the ingest API keeps it (a deleted draft leaves it).
    ...(deleted ? {} : { gsi1pk: ownerListing(owner), gsi1sk: listingSortKey(date, note.noteId) }),
  };
}

async function putNote(note: TestNote): Promise<Record<string, unknown> & ItemKey> {
  const item = noteItem(note);
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
  return item;
}

/**
 * A processed receipt of a note, its page image (as the image normaliser leaves it under derived/)
 * when given; `loose`: uploaded before its note, in its own partition, then listed by the note.
 */
async function putReceipt(tenant: string, noteId: string, receiptId: string, original: Uint8Array, page?: Uint8Array, loose = false) {
  const pageKey = `derived/${tenant}/${receiptId}/page-1.png`;
  if (page)
    await stack.clients.s3.send(
      new PutObjectCommand({ Bucket: bucketName(PREFIX, 'receipts'), Key: pageKey, Body: page, ContentType: 'image/png' }),
    );
  const key = await putReceiptItem(
    stack.clients.dynamodb,
    table(),
    { tenant, receiptId, ...(loose ? {} : { noteId }) },
    {
      status: 'processed',
      movedOnAgoMs: 0,
      attributes: { sha256: sha(original), ...(page ? { pageKeys: [pageKey] } : {}), ...(loose ? { attachedTo: noteId } : {}) },
    },
  );
  const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table(), Key: marshall(key) }));
  return unmarshall(Item!) as Record<string, unknown> & ItemKey;
}

const change = (item: Record<string, unknown> & ItemKey, eventName: 'INSERT' | 'MODIFY' = 'MODIFY'): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: 'e',
  eventName,
  itemType: item.type as string,
  keys: { pk: item.pk, sk: item.sk },
  sequenceNumber: '1',
  newImage: item,
});

async function stageOf(noteId: string, tenant = 'acme'): Promise<(StageItem & { outcome: DuplicateCheckOutcome }) | undefined> {
  const scope = tenantScope({ tenant, user: 'test', roles: [] });
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({ TableName: table(), Key: marshall(stageKey(scope, 'duplicate-detector', { noteId })) }),
  );
  return Item ? (unmarshall(Item) as StageItem & { outcome: DuplicateCheckOutcome }) : undefined;
}
const flagged = async (noteId: string, tenant?: string) => (await stageOf(noteId, tenant))?.outcome.otherNoteIds;
const signals = async (noteId: string) => (await stageOf(noteId))?.outcome.findings.map((found) => `${found.signal}:${found.otherNoteId}`);

const scanOf = async (index: number) => readFile((await generateFixture(1, index, 'png')).path);

describe('duplicate-detector', () => {
  it("flags another employee's note whose receipt is the same photo re-encoded and halved, both ways, and not a different receipt", async () => {
    const [a, b, c] = [id(1), id(2), id(3)];
    const scan = await scanOf(0);
    const width = (await sharp(scan).metadata()).width;
    const reencoded = await sharp(scan)
      .resize({ width: Math.round(width / 2) })
      .jpeg({ quality: 60 })
      .toBuffer();
    const other = await scanOf(1);
    await putNote({ noteId: a, owner: 'alice', amount: '18.40', receiptIds: [id(101)] });
    const receiptA = await putReceipt('acme', a, id(101), scan, scan);
    await detector.handle(change(receiptA));
    expect(await flagged(a)).toEqual([]);

    await putNote({ noteId: b, owner: 'bob', amount: '18.40', receiptIds: [id(102)] });
    await detector.handle(change(await putReceipt('acme', b, id(102), reencoded, reencoded)));
    expect(await signals(b)).toEqual([`similar_image:${a}`]);
    expect(await stageOf(b)).toMatchObject({ status: 'succeeded', code: 'possible_duplicate', noteVersion: 1 });
    // The earlier note learns of the later one.
    expect(await signals(a)).toEqual([`similar_image:${b}`]);

    await putNote({ noteId: c, owner: 'carol', amount: '18.40', receiptIds: [id(103)] });
    await detector.handle(change(await putReceipt('acme', c, id(103), other, other)));
    expect(await flagged(c)).toEqual([]);
    expect(await flagged(a)).toEqual([b]);
    // A few index entries of the tenant were read, not its every receipt; the image hash is kept on the receipt's stage.
    expect((await stageOf(c))!.outcome.candidatesRead).toBeLessThan(9 * 3);

    // The later note deleted (a draft): the earlier one no longer names it.
    await detector.handle(
      change(await putNote({ noteId: b, owner: 'bob', amount: '18.40', status: 'deleted', version: 2, receiptIds: [id(102)] })),
    );
    expect(await flagged(a)).toEqual([]);
  });

  it("flags the same file sent on two notes of the tenant (one uploaded before its note), not another tenant's, and says when a receipt has no page image", async () => {
    const [d, e, f] = [id(4), id(5), id(6)];
    const pdf = Buffer.from('%PDF-1.7 the same digital receipt, twice');
    await putNote({ noteId: d, owner: 'alice', amount: '60.00', receiptIds: [id(104)] });
    await detector.handle(change(await putReceipt('acme', d, id(104), pdf)));
    await putNote({ tenant: 'globex', noteId: f, owner: 'alice', amount: '60.00', receiptIds: [id(106)] });
    await detector.handle(change(await putReceipt('globex', f, id(106), pdf)));
    await putNote({ noteId: e, owner: 'bob', amount: '61.00', receiptIds: [id(105)] });
    // Uploaded before its note: its change names the note that lists it.
    await detector.handle(change(await putReceipt('acme', e, id(105), pdf, undefined, true)));

    expect(await signals(e)).toEqual([`same_bytes:${d}`]);
    expect(await signals(d)).toEqual([`same_bytes:${e}`]);
    expect(await flagged(f, 'globex')).toEqual([]);
    expect((await stageOf(e))!.outcome.skipped).toContainEqual(
      expect.objectContaining({ signal: 'similar_image', receiptId: id(105), reason: expect.stringContaining('no page image') }),
    );
  });

  it('flags the same expense typed twice by one employee, not by another, and no longer once corrected; a repeat or an older change alters nothing', async () => {
    const [g, h, k] = [id(7), id(8), id(9)];
    const expense = { owner: 'dave', amount: '23.90', date: '2024-04-02', merchant: 'Le Petit Zinc' };
    await detector.handle(change(await putNote({ noteId: g, ...expense }), 'INSERT'));
    const typedAgain = await putNote({ noteId: h, ...expense, date: '2024-04-03' });
    await detector.handle(change(typedAgain, 'INSERT'));
    expect(await signals(h)).toEqual([`same_expense:${g}`]);
    expect(await signals(g)).toEqual([`same_expense:${h}`]);
    // Another employee's dinner of the same amount, same day, same place: not this signal.
    await detector.handle(change(await putNote({ noteId: k, ...expense, owner: 'erin' }), 'INSERT'));
    expect(await flagged(k)).toEqual([]);
    expect(await flagged(g)).toEqual([h]);

    const corrected = await putNote({ noteId: h, ...expense, date: '2024-04-03', amount: '32.90', version: 2 });
    await detector.handle(change(corrected));
    expect(await flagged(h)).toEqual([]);
    expect(await flagged(g)).toEqual([]);
    const settled = await stageOf(h);
    await detector.handle(change(corrected));
    await detector.handle(change(typedAgain));
    expect(await stageOf(h)).toMatchObject({ noteVersion: 2, outcome: settled!.outcome });
    expect(await flagged(g)).toEqual([]);
  });

  it('compares notes whose owner typed no merchant on the merchant their receipts read', async () => {
    const [p, q] = [id(16), id(17)];
    const expense = { owner: 'ivan', amount: '15.00', date: '2024-05-06' };
    const withReceipt = async (noteId: string, receiptId: string, merchant: string) => {
      await putNote({ noteId, ...expense, receiptIds: [receiptId] });
      const key = await putReceiptItem(
        stack.clients.dynamodb,
        table(),
        { tenant: 'acme', receiptId, noteId },
        {
          status: 'processed',
          movedOnAgoMs: 0,
          attributes: { sha256: sha(Buffer.from(receiptId)), extracted: { merchant: { value: merchant, confidence: 0.8 } } },
        },
      );
      const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table(), Key: marshall(key) }));
      return unmarshall(Item!) as Record<string, unknown> & ItemKey;
    };
    await detector.handle(change(await withReceipt(p, id(116), 'SNCF VOYAGEURS')));
    // The earlier note is read for its receipts' merchant: both normalise to SNCF.
    await detector.handle(change(await withReceipt(q, id(117), 'sncf.com')));
    expect(await signals(q)).toEqual([`same_expense:${p}`]);
    expect(await signals(p)).toEqual([`same_expense:${q}`]);
  });

  it('keeps, of two checks of one note running at once, the one that read last, whichever writes last', async () => {
    const [m, n] = [id(13), id(14)];
    const expense = { owner: 'gina', amount: '9.90', merchant: 'Paul' };
    await putNote({ noteId: m, ...expense });
    await putNote({ noteId: n, ...expense });
    const dependencies = {
      dynamodb: stack.clients.dynamodb,
      s3: stack.clients.s3,
      notesTable: table(),
      receiptsBucket: bucketName(PREFIX, 'receipts'),
    };
    const scope = tenantScope({ tenant: 'acme', user: 'duplicate-detector', roles: [] });
    const call = <T>(_: string, fn: (signal: AbortSignal) => Promise<T>) => fn(AbortSignal.timeout(10_000));
    await checkNote(dependencies, scope, m, call);
    expect(await flagged(m)).toEqual([n]);
    await putNote({ noteId: n, ...expense, amount: '19.90', version: 2 });
    await checkNote(dependencies, scope, m, call);
    expect(await flagged(m)).toEqual([]);
    await putNote({ noteId: n, ...expense, version: 3 });
    // A check whose reads started before those of the stage stored (a minute ago, by its clock) is not kept, though it writes last.
    await checkNote({ ...dependencies, now: () => new Date(Date.now() - 60_000) }, scope, m, call);
    expect(await flagged(m)).toEqual([]);
  });

  it('compares the other signals of a receipt whose page image is gone, and says so', async () => {
    const noteId = id(15);
    const receiptId = id(115);
    await putNote({ noteId, owner: 'hugo', amount: '7.00', receiptIds: [receiptId] });
    const receipt = await putReceiptItem(
      stack.clients.dynamodb,
      table(),
      { tenant: 'acme', receiptId, noteId },
      {
        status: 'processed',
        movedOnAgoMs: 0,
        attributes: { sha256: 'f'.repeat(64), pageKeys: [`derived/acme/${receiptId}/page-1.png`] },
      },
    );
    const { Item } = await stack.clients.dynamodb.send(new GetItemCommand({ TableName: table(), Key: marshall(receipt) }));
    await detector.handle(change(unmarshall(Item!) as Record<string, unknown> & ItemKey));
    expect(await stageOf(noteId)).toMatchObject({
      status: 'succeeded',
      outcome: {
        receiptsCompared: 1,
        skipped: expect.arrayContaining([
          {
            signal: 'similar_image',
            receiptId,
            reason: `the page image derived/acme/${receiptId}/page-1.png is not in the receipts bucket`,
          },
        ]),
      },
    });
  });

  it('leaves a note that is no longer open as it was checked, and quarantines a change without a tenant', async () => {
    const approved = id(10);
    const expense = { owner: 'frank', amount: '12.00', merchant: 'SNCF' };
    await putNote({ noteId: id(11), ...expense });
    await detector.handle(change(await putNote({ noteId: approved, ...expense, status: 'approved' })));
    expect(await stageOf(approved)).toBeUndefined();
    const item = noteItem({ noteId: id(12), ...expense });
    await expect(detector.handle(change({ ...item, tenant: undefined as unknown as string }))).rejects.toThrow('carries no tenant');
  });
});
