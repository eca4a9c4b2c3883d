import { failureEvidence, isTransientFailure } from '@ndf/core';
import { bisect, poisonEntry, untilAborted, type QuarantineSink } from '@ndf/runtime';
import type { StreamChange } from './change.js';

export interface InvocationOptions {
  /** The router's name: the quarantine's service. */
  readonly service: string;
  readonly table: string;
  readonly maxRetries: number;
  readonly route: (records: readonly StreamChange[]) => Promise<void>;
  readonly quarantine: QuarantineSink;
  /** Aborts when the invocation's time is up: every call is cut off then, and the batch handed back from its first record not done. */
  readonly signal: AbortSignal;
  readonly retryDelayMs?: { readonly starting: number; readonly max: number };
}

export interface InvocationOutcome {
  /** The sequence number the event source mapping must retry from, or undefined when the whole batch is done. */
  readonly retryFrom: string | undefined;
  readonly error?: unknown;
}

class Outage extends Error {
  override readonly name = 'Outage';
}

/**
 * One batch of the event source mapping, handled as the local router handles a page: a
 * record that fails for its own sake (a permanent failure, or its retries spent) is isolated
 * by bisecting and quarantined, and the batch moves on; an outage (a transient failure: a
 * throttle, a KMS or SQS blip, a denied access) ends the invocation with the first record not
 * done, so that the mapping retries from there, for as long as the outage lasts, without
 * spending any record's retries. So does the end of its time (`signal`): whatever call is under
 * way then, a route or a quarantine write, is cut off rather than killed with the invocation.
 */
export async function handleInvocation(records: readonly StreamChange[], options: InvocationOptions): Promise<InvocationOutcome> {
  let done = 0;
  const advancePast = (record: StreamChange) => {
    done = Math.max(done, records.indexOf(record) + 1);
  };
  try {
    await bisect(records, {
      signal: options.signal,
      maxRetries: options.maxRetries,
      startingDelayMs: options.retryDelayMs?.starting ?? 100,
      maxDelayMs: options.retryDelayMs?.max ?? 2_000,
      isPermanent: (error) => failureEvidence(error) === 'permanent',
      isOutage: isTransientFailure,
      awaitRecovery: () => Promise.reject(new Outage('a dependency is out: the mapping retries the batch from its first record not done')),
      handle: (batch) => untilAborted(options.route(batch), options.signal),
      onHandled: async (batch) => advancePast(batch[batch.length - 1]!),
      onPoison: async (record, poison) => {
        // Lambda's event does not name the shard; the event id and sequence number identify the record.
        const entry = poisonEntry(record, poison, {
          service: options.service,
          consumerName: options.service,
          table: options.table,
          shardId: 'unknown',
        });
        await untilAborted(options.quarantine.quarantine(entry, options.signal), options.signal);
        advancePast(record);
      },
    });
    return { retryFrom: undefined };
  } catch (error) {
    return { retryFrom: records[done]?.dynamodb?.SequenceNumber, error };
  }
}
