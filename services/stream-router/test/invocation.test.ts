import { PermanentError } from '@ndf/core';
import type { QuarantineEntry } from '@ndf/runtime';
import { describe, expect, it } from 'vitest';
import type { StreamChange } from '../src/change.js';
import { handleInvocation, type InvocationOptions } from '../src/invocation.js';

const record = (sequence: number): StreamChange => ({
  eventID: `event-${sequence}`,
  eventName: 'MODIFY',
  dynamodb: { Keys: { pk: { S: `T#acme#R#r${sequence}` } }, SequenceNumber: String(sequence), ApproximateCreationDateTime: 1_767_225_600 },
});
const sequences = (records: readonly StreamChange[]) => records.map((each) => Number(each.dynamodb?.SequenceNumber));

// As the SDK throws it when a role lost its access: a client fault that is the platform's, not the record's.
const accessDenied = () =>
  Object.assign(new Error('not authorized to perform: sqs:SendMessage'), {
    name: 'AccessDenied',
    $fault: 'client',
    $metadata: { httpStatusCode: 403 },
  });

function options(route: InvocationOptions['route']): { options: InvocationOptions; quarantined: QuarantineEntry[] } {
  const quarantined: QuarantineEntry[] = [];
  return {
    quarantined,
    options: {
      service: 'stream-router',
      table: 'notes',
      maxRetries: 2,
      route,
      quarantine: { quarantine: async (entry) => void quarantined.push(entry) },
      signal: new AbortController().signal,
      retryDelayMs: { starting: 1, max: 2 },
    },
  };
}

describe('one invocation of the cloud router', () => {
  it('hands the whole batch back to the mapping in an outage, from its first record, quarantining nothing and spending no retry', async () => {
    const routed: number[][] = [];
    const { options: invocation, quarantined } = options(async (records) => {
      routed.push(sequences(records));
      throw accessDenied();
    });
    const outcome = await handleInvocation([record(1), record(2), record(3), record(4)], invocation);
    expect(outcome.retryFrom).toBe('1');
    expect(quarantined).toEqual([]);
    expect(routed).toEqual([[1, 2, 3, 4]]);
  });

  it('hands back from the first record not done when the outage starts mid-batch', async () => {
    const { options: invocation, quarantined } = options(async (records) => {
      if (records.length > 2) throw new PermanentError('split me');
      if (sequences(records).includes(3)) throw accessDenied();
    });
    const outcome = await handleInvocation([record(1), record(2), record(3), record(4)], invocation);
    expect(outcome.retryFrom).toBe('3');
    expect(quarantined).toEqual([]);
  });

  it('bisects out and quarantines a record that fails for its own sake, with its history, and finishes the batch', async () => {
    const routedAlone: number[] = [];
    const { options: invocation, quarantined } = options(async (records) => {
      if (sequences(records).includes(3)) throw new PermanentError('record 3 cannot be routed');
      if (records.length === 1) routedAlone.push(sequences(records)[0]!);
    });
    const outcome = await handleInvocation([record(1), record(2), record(3), record(4)], invocation);
    expect(outcome.retryFrom).toBeUndefined();
    expect(quarantined.map((entry) => entry.originalId)).toEqual(['event-3']);
    expect(quarantined[0]).toMatchObject({
      service: 'stream-router',
      source: { kind: 'stream', table: 'notes', sequenceNumber: '3' },
      reason: 'record 3 cannot be routed',
      attributes: { changedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(routedAlone).toEqual([4]);
  });

  it("quarantines a record whose failure says nothing (a bug) after the catalog's retries, as the local router does", async () => {
    let calls = 0;
    const { options: invocation, quarantined } = options(async () => {
      calls += 1;
      throw new TypeError('cannot read properties of undefined');
    });
    const outcome = await handleInvocation([record(7)], invocation);
    expect(outcome.retryFrom).toBeUndefined();
    expect(calls).toBe(3);
    expect(quarantined[0]?.failures).toHaveLength(3);
  });

  it('hands the batch back when the quarantine itself cannot be written, so that nothing is lost', async () => {
    const { options: invocation } = options(async () => {
      throw new PermanentError('poison');
    });
    const outcome = await handleInvocation([record(1), record(2)], {
      ...invocation,
      quarantine: { quarantine: () => Promise.reject(accessDenied()) },
    });
    expect(outcome.retryFrom).toBe('1');
  });

  it('hands back from the first record not done when its time runs out during a route that ignores its signal', async () => {
    const timeUp = new AbortController();
    const { options: invocation, quarantined } = options(async (records) => {
      if (records.length > 1) throw new PermanentError('split me');
      if (sequences(records)[0] === 2) {
        timeUp.abort(new Error('the invocation is out of time'));
        await new Promise(() => undefined);
      }
    });
    const outcome = await handleInvocation([record(1), record(2), record(3)], { ...invocation, signal: timeUp.signal });
    expect(outcome.retryFrom).toBe('2');
    expect(quarantined).toEqual([]);
  });

  it('hands back from the record whose quarantine write is under way when its time runs out', async () => {
    const timeUp = new AbortController();
    const { options: invocation } = options(async (records) => {
      if (sequences(records).includes(2)) throw new PermanentError('record 2 cannot be routed');
    });
    const outcome = await handleInvocation([record(1), record(2), record(3)], {
      ...invocation,
      signal: timeUp.signal,
      quarantine: {
        quarantine: () => {
          timeUp.abort(new Error('the invocation is out of time'));
          return new Promise(() => undefined);
        },
      },
    });
    expect(outcome.retryFrom).toBe('2');
  });
});
