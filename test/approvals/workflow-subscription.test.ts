import { catalog, streamSubscriptions } from '@ndf/catalog';
import type { ChangeMessage } from '@ndf/contracts';
import { targetsOf } from '@ndf/stream-router';
import { describe, expect, it } from 'vitest';

const ours = streamSubscriptions(catalog, 'notes').filter((subscription) => subscription.service === 'approval-workflow');
const brings = (image: Record<string, string>, eventName: ChangeMessage['eventName'] = 'MODIFY') =>
  targetsOf(
    {
      kind: 'change',
      table: 'notes',
      eventId: 'e',
      eventName,
      itemType: image.type!,
      keys: { pk: 'p', sk: 's' },
      sequenceNumber: '1',
      newImage: image,
    },
    ours,
  ).length === 1;

describe('what the stream brings the approval workflow', () => {
  it('submitted notes, the stages of the checks it waits for, and the decisions; never its own writes', () => {
    expect(brings({ type: 'NOTE', status: 'submitted' }, 'MODIFY')).toBe(true);
    for (const status of ['received', 'awaiting_approval', 'needs_changes', 'approved', 'rejected'])
      expect(brings({ type: 'NOTE', status }), status).toBe(false);
    for (const service of ['policy-checker', 'vat-calculator', 'currency-converter', 'mileage-calculator'])
      expect(brings({ type: 'STAGE', service, status: 'succeeded' }, 'INSERT'), service).toBe(true);
    for (const action of ['approve', 'reject', 'ask_changes', 'withdraw'])
      expect(brings({ type: 'HISTORY', action }, 'INSERT'), action).toBe(true);
    // Its own routing keeps the queues itself; a submission is seen as the note's change.
    for (const action of ['route', 'submit', 'batch', 'pay']) expect(brings({ type: 'HISTORY', action }, 'INSERT'), action).toBe(false);
    expect(brings({ type: 'STAGE', service: 'approval-workflow', status: 'succeeded' })).toBe(false);
    expect(brings({ type: 'APPROVAL' }, 'INSERT')).toBe(false);
    expect(brings({ type: 'APPROVAL_DUE' }, 'INSERT')).toBe(false);
  });
});
