import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import type { QuarantineEntry } from '../quarantine/quarantine-entry.js';
import type { Poison } from './bisect.js';

/** A change to one item, as DynamoDB Streams delivers it. */
export type StreamRecord = _Record;

export const sequenceOf = (record: StreamRecord): string => record.dynamodb?.SequenceNumber ?? '';

/** The record in DynamoDB's own JSON, binary values in base64, so that a replay can parse it back. */
export function recordJson(record: StreamRecord): string {
  return JSON.stringify(record, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value));
}

export interface PoisonContext {
  readonly service: string;
  readonly consumerName: string;
  readonly table: string;
  readonly shardId: string;
}

/** The quarantine entry of a record given up on, with its keys and both images. */
export function poisonEntry(record: StreamRecord, poison: Poison, context: PoisonContext): QuarantineEntry {
  const { failures } = poison;
  const last = poison.lastError;
  const firstAt = failures[0]?.at ?? new Date().toISOString();
  const lastAt = failures[failures.length - 1]?.at ?? firstAt;
  return {
    service: context.service,
    source: { kind: 'stream', table: context.table, shardId: context.shardId, sequenceNumber: sequenceOf(record) },
    payload: recordJson(record),
    attributes: {
      consumer: context.consumerName,
      eventName: record.eventName ?? '',
      ...(record.dynamodb?.ApproximateCreationDateTime ? { changedAt: record.dynamodb.ApproximateCreationDateTime.toISOString() } : {}),
    },
    reason: last instanceof Error ? last.message : String(last),
    failures,
    firstReceivedAt: firstAt,
    lastReceivedAt: lastAt,
    originalId: record.eventID ?? `${context.shardId}#${sequenceOf(record)}`,
  };
}
