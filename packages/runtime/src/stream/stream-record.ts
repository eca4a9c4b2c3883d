import { describeError } from '@ndf/core';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { QuarantineEntry } from '../quarantine/quarantine-entry.js';
import type { Poison } from './bisect.js';

/** A change to one item, as DynamoDB Streams delivers it. */
export type StreamRecord = _Record;

export const sequenceOf = (record: StreamRecord): string => record.dynamodb?.SequenceNumber ?? '';

/** The record in DynamoDB's own JSON, binary values in base64, so that a replay can parse it back. */
export function recordJson(record: object): string {
  return JSON.stringify(record, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value));
}

export interface PoisonContext {
  readonly service: string;
  readonly consumerName: string;
  readonly table: string;
  readonly shardId: string;
}

/** A record as DynamoDB Streams' API gives it (Dates) or as Lambda's event does (epoch seconds). */
export interface AnyStreamRecord {
  readonly eventID?: string | undefined;
  readonly eventName?: string | undefined;
  readonly dynamodb?:
    { readonly SequenceNumber?: string | undefined; readonly ApproximateCreationDateTime?: Date | number | undefined } | undefined;
}

function changedAt(record: AnyStreamRecord): string | undefined {
  const at = record.dynamodb?.ApproximateCreationDateTime;
  if (at === undefined) return undefined;
  return (typeof at === 'number' ? new Date(at * 1000) : at).toISOString();
}

/** The quarantine entry of a record given up on, with its keys and both images. */
export function poisonEntry(record: AnyStreamRecord, poison: Poison, context: PoisonContext): QuarantineEntry {
  const changed = changedAt(record);
  const { failures } = poison;
  const last = poison.lastError;
  const firstAt = failures[0]?.at ?? new Date().toISOString();
  const lastAt = failures[failures.length - 1]?.at ?? firstAt;
  return {
    service: context.service,
    source: { kind: 'stream', table: context.table, shardId: context.shardId, sequenceNumber: record.dynamodb?.SequenceNumber ?? '' },
    payload: recordJson(record),
    attributes: {
      consumer: context.consumerName,
      eventName: record.eventName ?? '',
      ...(changed ? { changedAt: changed } : {}),
    },
    reason: describeError(last).message,
    failures,
    firstReceivedAt: firstAt,
    lastReceivedAt: lastAt,
    originalId: record.eventID ?? `${context.shardId}#${record.dynamodb?.SequenceNumber ?? ''}`,
  };
}
