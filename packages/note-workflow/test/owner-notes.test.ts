import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, listingSortKey, noteKey, ownerListing, tenantScope, type NoteItem } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readOwnerNotes } from '../src/index.js';

let stack: SharedStack;
const table = () => tableName(stack.config.prefix, 'notes');
const signal = new AbortController().signal;
/** DynamoDB ends a Query's page at 1 MB read: 30 notes of 40 KB make at least two pages. */
const PADDING = 'x'.repeat(40_000);

beforeAll(async () => {
  stack = await useSharedStack('owner-notes-', { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

const newTenant = () => `owner-notes-${randomUUID().slice(0, 8)}`;

/** A note of `owner` dated `date`, in the owner listing as the ingest API writes it. */
async function putNote(tenant: string, owner: string, date: string, extra: Record<string, unknown> = {}): Promise<string> {
  const noteId = randomUUID();
  const scope = tenantScope({ tenant, user: owner, roles: ['employee'] });
  const note: NoteItem = {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant,
    noteId,
    owner,
    status: 'received',
    version: 1,
    date,
    amount: { value: '12.00', currency: 'EUR' },
    receiptIds: [],
    requestHash: 'h',
    createdAt: `${date}T08:00:00.000Z`,
    updatedAt: `${date}T08:00:00.000Z`,
  };
  const listed = { gsi1pk: ownerListing(scope), gsi1sk: listingSortKey(date, noteId) };
  await stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall({ ...note, ...listed, ...extra }) }));
  return noteId;
}

const read = (tenant: string, owner: string, query: Parameters<typeof readOwnerNotes>[4]) =>
  readOwnerNotes(stack.clients.dynamodb, table(), tenantScope({ tenant, user: 'policy-checker', roles: [] }), owner, query, signal);

describe('readOwnerNotes', () => {
  it('reads the notes dated from the first to the last day, both included, oldest first', async () => {
    const tenant = newTenant();
    const [, first, middle, last] = [
      await putNote(tenant, 'alice', '2026-03-09'),
      await putNote(tenant, 'alice', '2026-03-10'),
      await putNote(tenant, 'alice', '2026-03-11'),
      await putNote(tenant, 'alice', '2026-03-12'),
      await putNote(tenant, 'alice', '2026-03-13'),
    ];

    const notes = await read(tenant, 'alice', { from: '2026-03-10', to: '2026-03-12' });

    expect(notes.map((note) => note.noteId)).toEqual([first, middle, last]);
    expect(await read(tenant, 'alice', { from: '2026-03-11', to: '2026-03-11' })).toEqual([expect.objectContaining({ noteId: middle })]);
  });

  it("never returns another owner's notes, nor another tenant's notes of a user of the same name", async () => {
    const tenant = newTenant();
    const other = newTenant();
    const alices = await putNote(tenant, 'alice', '2026-03-10');
    await putNote(tenant, 'bob', '2026-03-10');
    await putNote(other, 'alice', '2026-03-10');

    const notes = await read(tenant, 'alice', { from: '2026-03-01', to: '2026-03-31' });

    expect(notes.map((note) => [note.tenant, note.owner, note.noteId])).toEqual([[tenant, 'alice', alices]]);
  });

  it('reads every page of a range larger than one page, with the projection and the filter asked', async () => {
    const tenant = newTenant();
    const withMileage: string[] = [];
    for (let day = 1; day <= 30; day += 1) {
      const date = `2026-04-${String(day).padStart(2, '0')}`;
      const mileage = day % 3 === 0 ? { mileage: { kilometres: day } } : {};
      const noteId = await putNote(tenant, 'alice', date, { padding: PADDING, ...mileage });
      if (day % 3 === 0) withMileage.push(noteId);
    }
    const send = vi.spyOn(stack.clients.dynamodb, 'send');

    try {
      const all = await read(tenant, 'alice', { from: '2026-04-01', to: '2026-04-30' });
      const pagesOfAll = send.mock.calls.filter(([command]) => command instanceof QueryCommand).length;
      const projected = await read(tenant, 'alice', {
        from: '2026-04-01',
        to: '2026-04-30',
        projection: 'noteId',
        filter: 'attribute_exists(mileage)',
      });

      expect(pagesOfAll).toBeGreaterThan(1);
      expect(all).toHaveLength(30);
      expect(projected).toEqual(withMileage.map((noteId) => ({ noteId })));
    } finally {
      send.mockRestore();
    }
  });

  it('stops at an aborted signal', async () => {
    const tenant = newTenant();
    await putNote(tenant, 'alice', '2026-03-10');

    const aborted = readOwnerNotes(
      stack.clients.dynamodb,
      table(),
      tenantScope({ tenant, user: 'policy-checker', roles: [] }),
      'alice',
      { from: '2026-03-10', to: '2026-03-10' },
      AbortSignal.abort(),
    );

    await expect(aborted).rejects.toThrow(/abort/i);
  });
});
