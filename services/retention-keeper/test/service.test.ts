import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { listingSortKey, ownerListing, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readErasure, requestErasure, type DailyManifest } from '@ndf/retention';
import { defineService } from '@ndf/runtime';
import { putItems, startServiceUnderTest, testNoteItem, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retentionDependencies } from '../src/dependencies.js';
import { manifestKey } from '../src/sealed-index.js';
import { service } from '../src/service.js';

// The service as the platform runs it, fed ticks through its queue, on a clock set to the
// early hours of 2 December 2026 (the index's first day, 1 December, is over).
const PREFIX = 'retention-keeper-';
const scope = tenantScope({ tenant: 'acme-keeper', user: 'hr-admin', roles: ['admin'] });
const ines = tenantScope({ tenant: 'acme-keeper', user: 'ines', roles: ['employee'] });
const noteId = '0b000000-0000-4000-8000-000000000001';
let stack: SharedStack;
let running: ServiceUnderTest;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, { ...catalog, services: [service.entry] });
  const onTheClock = defineService({
    ...service,
    dependencies: (context) => ({ ...retentionDependencies(context), now: () => new Date('2026-12-02T01:00:00.000Z') }),
  });
  running = await startServiceUnderTest(onTheClock, stack);
});
afterAll(async () => {
  await running?.stop();
  await stack?.stop();
});

describe('retention-keeper', () => {
  it('on each tick drives the erasures requested and seals the days over', async () => {
    const note = testNoteItem('acme-keeper', noteId, { owner: 'ines', comment: 'hotel in Nantes' });
    await putItems(stack.clients.dynamodb, tableName(PREFIX, 'notes'), [
      { ...note, gsi1pk: ownerListing(ines), gsi1sk: listingSortKey(note.date, noteId) },
    ]);
    await requestErasure(stack.clients.dynamodb, tableName(PREFIX, 'notes'), scope, {
      requestId: 'erase-ines',
      employee: 'ines',
      requestedBy: 'hr-admin',
      requestedAt: '2026-12-01T16:00:00.000Z',
    });

    // The erasure index is read eventually consistent: a tick may not see the request yet, the next one will.
    for (let ticks = 0; ticks < 10; ticks++) {
      expect(await running.deliver({ kind: 'tick' })).toEqual({ outcome: 'succeeded', sent: [] });
      if ((await readErasure(stack.clients.dynamodb, tableName(PREFIX, 'notes'), scope, 'erase-ines'))?.status === 'completed') break;
    }
    expect(await readErasure(stack.clients.dynamodb, tableName(PREFIX, 'notes'), scope, 'erase-ines')).toMatchObject({
      status: 'completed',
      notesErased: 1,
    });
    const { Body } = await stack.clients.s3.send(
      new GetObjectCommand({ Bucket: bucketName(PREFIX, 'audit'), Key: manifestKey('2026-12-01') }),
    );
    expect(JSON.parse(await Body!.transformToString()) as DailyManifest).toMatchObject({ day: '2026-12-01', previous: null });
  });

  it('quarantines a message that is not a tick, with the reason', async () => {
    const delivery = await running.deliver({ kind: 'erase-everything' });
    expect(delivery.outcome).toBe('quarantined');
  });
});
