import { catalog, tableName } from '@ndf/catalog';
import { noteKey, stageKey, tenantScope } from '@ndf/contracts';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNoteStage } from '../src/index.js';

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
