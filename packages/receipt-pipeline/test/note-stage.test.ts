import { catalog, tableName } from '@ndf/catalog';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, noteKey, stageKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNoteWithReceipts, stageItem, writeNoteStage } from '../src/index.js';

let stack: SharedStack;
const table = () => tableName(stack.config.prefix, 'notes');
const signal = new AbortController().signal;

beforeAll(async () => {
  stack = await useSharedStack('pipeline-note-stage-', { ...catalog, services: [] });
});
afterAll(async () => stack?.stop());

describe("a service's stage about a note", () => {
  it('is written from any version at least as new as the one there, and never replaced by one computed from an older version', async () => {
    const scope = tenantScope({ tenant: 'acme', user: 'vat-calculator', roles: [] });
    const noteId = randomUUID();
    const write = (version: number, found: string) =>
      writeNoteStage(
        stack.clients.dynamodb,
        table(),
        scope,
        'vat-calculator',
        { noteId, version },
        { status: 'succeeded', outcome: { found } },
        signal,
      );
    const stored = () => readItem(stack.clients.dynamodb, table(), stageKey(scope, 'vat-calculator', { noteId }));

    expect(await write(2, 'from version 2')).toBe(true);
    expect(await write(1, 'from version 1, late')).toBe(false);
    expect(await stored()).toMatchObject({ noteVersion: 2, outcome: { found: 'from version 2' } });
    expect(await write(2, 'version 2 again')).toBe(true);
    expect(await write(3, 'from version 3')).toBe(true);
    expect(await stored()).toMatchObject({ noteVersion: 3, outcome: { found: 'from version 3' }, noteId, service: 'vat-calculator' });
  });

  it("is read with the note, apart from its receipts' stages", async () => {
    const scope = tenantScope({ tenant: 'acme', user: 'policy-checker', roles: [] });
    const noteId = randomUUID();
    const receiptId = randomUUID();
    const put = (item: object) =>
      stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
    await put({ ...noteKey(scope, noteId), type: ITEM_TYPES.note, tenant: 'acme', noteId, status: 'received', version: 1, receiptIds: [] });
    await put(stageItem(scope, 'ocr', { receiptId, noteId }, { status: 'succeeded' }));
    await writeNoteStage(
      stack.clients.dynamodb,
      table(),
      scope,
      'currency-converter',
      { noteId, version: 1 },
      { status: 'succeeded' },
      signal,
    );
    const found = await readNoteWithReceipts(stack.clients.dynamodb, table(), scope, noteId, signal);
    expect(found?.stages.map((stage) => stage.service)).toEqual(['currency-converter']);
  });

  it('of the same version, is not replaced by one that read the other items it depends on earlier', async () => {
    const scope = tenantScope({ tenant: 'acme', user: 'duplicate-detector', roles: [] });
    const noteId = randomUUID();
    const write = (version: number, readAt: string, found: string) =>
      writeNoteStage(
        stack.clients.dynamodb,
        table(),
        scope,
        'duplicate-detector',
        { noteId, version },
        { status: 'succeeded', outcome: { found } },
        signal,
        { readAt },
      );
    const stored = () => readItem(stack.clients.dynamodb, table(), stageKey(scope, 'duplicate-detector', { noteId }));

    expect(await write(1, '2026-01-01T10:00:00.200Z', 'read later')).toBe(true);
    expect(await write(1, '2026-01-01T10:00:00.100Z', 'read earlier, written last')).toBe(false);
    expect(await stored()).toMatchObject({ noteVersion: 1, readAt: '2026-01-01T10:00:00.200Z', outcome: { found: 'read later' } });
    expect(await write(1, '2026-01-01T10:00:00.200Z', 'the same read again')).toBe(true);
    // A newer version wins whenever it read.
    expect(await write(2, '2026-01-01T09:00:00.000Z', 'from version 2')).toBe(true);
    expect(await stored()).toMatchObject({ noteVersion: 2, outcome: { found: 'from version 2' } });
  });

  it('is written only while the note is still at its version, when asked: never on a note that moved on since it was read', async () => {
    const scope = tenantScope({ tenant: 'acme', user: 'mileage-calculator', roles: [] });
    const noteId = randomUUID();
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: table(),
        Item: marshall({ ...noteKey(scope, noteId), type: 'NOTE', noteId, version: 4, status: 'approved' }),
      }),
    );
    const write = (version: number, found: string) =>
      writeNoteStage(
        stack.clients.dynamodb,
        table(),
        scope,
        'mileage-calculator',
        { noteId, version },
        { status: 'succeeded', outcome: { found } },
        signal,
        { whileNoteUnchanged: true },
      );
    const stored = () => readItem(stack.clients.dynamodb, table(), stageKey(scope, 'mileage-calculator', { noteId }));

    expect(await write(4, 'from version 4, the current one')).toBe(true);
    // Read at version 3, written after the note moved to 4: refused, the stage of version 4 stays.
    expect(await write(3, 'from version 3')).toBe(false);
    expect(await write(5, 'from a version the note never reached')).toBe(false);
    expect(await stored()).toMatchObject({ noteVersion: 4, outcome: { found: 'from version 4, the current one' } });
  });
});
