import type { StreamSubscription } from '@ndf/catalog';
import { describe, expect, it } from 'vitest';
import { messagesByService } from '../src/outgoing.js';
import { targetsOf, toChangeMessage, type StreamChange } from '../src/router.js';

const subscriptions: StreamSubscription[] = [
  { table: 'notes', service: 'on-new-notes', itemTypes: ['NOTE'], events: ['INSERT'], where: {} },
  { table: 'notes', service: 'on-uploads', itemTypes: ['RECEIPT'], events: ['MODIFY'], where: { status: ['uploaded'] } },
  { table: 'notes', service: 'on-removals', itemTypes: ['NOTE', 'RECEIPT'], events: ['REMOVE'], where: {} },
];

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  image: Record<string, { S: string }>,
  old?: Record<string, { S: string }>,
): StreamChange => ({
  eventID: `ev-${eventName}`,
  eventName,
  dynamodb: {
    Keys: { pk: image.pk ?? old?.pk, sk: image.sk ?? old?.sk },
    ...(eventName === 'REMOVE' ? {} : { NewImage: image }),
    ...(old ? { OldImage: old } : {}),
    SequenceNumber: '100',
    ApproximateCreationDateTime: 1_767_225_600,
  },
});

describe('routing a change', () => {
  it('turns a stream record into a change with plain images, from the SDK or from Lambda', () => {
    const change = toChangeMessage(record('INSERT', { pk: { S: 'T#acme#N#1' }, sk: { S: 'NOTE' }, type: { S: 'NOTE' } }), 'notes');
    expect(change).toEqual({
      kind: 'change',
      table: 'notes',
      eventId: 'ev-INSERT',
      eventName: 'INSERT',
      itemType: 'NOTE',
      keys: { pk: 'T#acme#N#1', sk: 'NOTE' },
      sequenceNumber: '100',
      changedAt: '2026-01-01T00:00:00.000Z',
      newImage: { pk: 'T#acme#N#1', sk: 'NOTE', type: 'NOTE' },
    });
    const fromSdk = toChangeMessage(
      {
        ...record('INSERT', { pk: { S: 'a' }, sk: { S: 'b' }, type: { S: 'NOTE' } }),
        dynamodb: { SequenceNumber: '1', ApproximateCreationDateTime: new Date('2026-01-01T00:00:00Z') },
      },
      'notes',
    );
    expect(fromSdk.changedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('sends a change where its event, item type and the subscription filter match, and a removal by its old image', () => {
    const insert = toChangeMessage(record('INSERT', { pk: { S: 'p' }, sk: { S: 'NOTE' }, type: { S: 'NOTE' } }), 'notes');
    const uploaded = toChangeMessage(
      record('MODIFY', { pk: { S: 'p' }, sk: { S: 'RCPT#1' }, type: { S: 'RECEIPT' }, status: { S: 'uploaded' } }),
      'notes',
    );
    const sniffed = toChangeMessage(
      record('MODIFY', { pk: { S: 'p' }, sk: { S: 'RCPT#1' }, type: { S: 'RECEIPT' }, status: { S: 'sniffed' } }),
      'notes',
    );
    const removed = toChangeMessage(record('REMOVE', {}, { pk: { S: 'p' }, sk: { S: 'RCPT#1' }, type: { S: 'RECEIPT' } }), 'notes');
    expect(targetsOf(insert, subscriptions)).toEqual(['on-new-notes']);
    expect(targetsOf(uploaded, subscriptions)).toEqual(['on-uploads']);
    expect(targetsOf(sniffed, subscriptions)).toEqual([]);
    expect(targetsOf(removed, subscriptions)).toEqual(['on-removals']);
  });

  it('filters each item type on its own attributes where the subscription says so (notes by status, stages by the service that wrote them)', () => {
    const follower: StreamSubscription = {
      table: 'notes',
      service: 'follows-notes-and-rates',
      itemTypes: ['NOTE', 'STAGE'],
      events: ['INSERT', 'MODIFY'],
      where: { status: ['received'] },
      whereByType: { STAGE: { service: ['currency-converter'] } },
    };
    const change = (image: Record<string, string>) =>
      toChangeMessage(record('MODIFY', Object.fromEntries(Object.entries({ pk: 'p', ...image }).map(([k, v]) => [k, { S: v }]))), 'notes');
    expect(targetsOf(change({ sk: 'NOTE', type: 'NOTE', status: 'received' }), [follower])).toEqual(['follows-notes-and-rates']);
    expect(targetsOf(change({ sk: 'NOTE', type: 'NOTE', status: 'paid' }), [follower])).toEqual([]);
    const rates = { sk: 'STAGE#currency-converter', type: 'STAGE', service: 'currency-converter', status: 'succeeded' };
    expect(targetsOf(change(rates), [follower])).toEqual(['follows-notes-and-rates']);
    expect(targetsOf(change({ ...rates, sk: 'STAGE#ocr', service: 'ocr' }), [follower])).toEqual([]);
  });

  it('carries the item type and correlation id as attributes, and leaves huge images out rather than fail', () => {
    const huge = 'x'.repeat(200_000);
    const byService = messagesByService(
      [
        record('INSERT', { pk: { S: 'p1' }, sk: { S: 'NOTE' }, type: { S: 'NOTE' }, correlationId: { S: 'req-1' } }),
        record(
          'MODIFY',
          { pk: { S: 'p2' }, sk: { S: 'NOTE' }, type: { S: 'NOTE' }, comment: { S: huge } },
          { pk: { S: 'p2' }, sk: { S: 'NOTE' }, type: { S: 'NOTE' }, comment: { S: huge } },
        ),
        record('INSERT', { pk: { S: 'p3' }, sk: { S: 'NOTE' }, type: { S: 'NOTE' }, comment: { S: huge } }),
      ],
      'notes',
      [...subscriptions, { table: 'notes', service: 'everything', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'], where: {} }],
    );
    expect([...byService.keys()]).toEqual(['on-new-notes', 'everything']);
    const [first, , third] = byService.get('everything')!;
    expect(first!.attributes).toEqual({ 'ndf-item-type': 'NOTE', 'ndf-correlation-id': 'req-1' });
    const second = JSON.parse(byService.get('everything')![1]!.body) as { imagesOmitted?: boolean; newImage?: unknown; keys: unknown };
    expect(second).toMatchObject({ imagesOmitted: true, keys: { pk: 'p2', sk: 'NOTE' } });
    expect(second.newImage).toBeUndefined();
    expect(JSON.parse(third!.body)).toMatchObject({ newImage: { comment: huge } });
  });
});
