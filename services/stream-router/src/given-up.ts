import type { QuarantineEntry } from '@ndf/runtime';
import { poisonEntry } from '@ndf/runtime';
import type { StreamChange } from './change.js';

/** What the event source mapping writes to its S3 on-failure destination for a batch it gave up. */
export interface GivenUpInvocation {
  readonly requestContext?: { readonly condition?: string; readonly approximateInvokeCount?: number };
  readonly timestamp?: string;
  readonly DDBStreamBatchInfo?: { readonly shardId?: string; readonly streamArn?: string };
  /** The invocation's event, as JSON text or as an object. */
  readonly payload?: string | { readonly Records?: readonly StreamChange[] };
}

/**
 * The quarantine entries of a batch the event source mapping gave up (its records past their
 * maximum age, after an outage that outlasted it): each record with why and when, so that it
 * is listed and replayed like any other quarantined record.
 */
export function givenUpEntries(invocation: GivenUpInvocation, context: { service: string; table: string }): QuarantineEntry[] {
  const event =
    typeof invocation.payload === 'string' ? (JSON.parse(invocation.payload) as { Records?: StreamChange[] }) : invocation.payload;
  const records = event?.Records ?? [];
  const at = invocation.timestamp ?? new Date().toISOString();
  const condition = invocation.requestContext?.condition ?? 'unknown condition';
  const reason = `given up by the stream's event source mapping (${condition}) after ${invocation.requestContext?.approximateInvokeCount ?? '?'} invocations`;
  const failure = { attempt: 1, at, durationMs: 0, errorName: condition, message: reason };
  return records.map((record) =>
    poisonEntry(
      record,
      { failures: [failure], lastError: new Error(reason) },
      {
        service: context.service,
        consumerName: context.service,
        table: context.table,
        shardId: invocation.DDBStreamBatchInfo?.shardId ?? 'unknown',
      },
    ),
  );
}
