import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChangeMessage } from '@ndf/contracts';

type Image = Record<string, unknown>;

/**
 * A stream record as both DynamoDB Streams' API (the local router) and Lambda's event (the
 * cloud router) give it: images in DynamoDB's attribute-value JSON.
 */
export interface StreamChange {
  readonly eventID?: string | undefined;
  readonly eventName?: string | undefined;
  readonly dynamodb?:
    | {
        readonly Keys?: Image | undefined;
        readonly NewImage?: Image | undefined;
        readonly OldImage?: Image | undefined;
        readonly SequenceNumber?: string | undefined;
        /** A Date from the SDK, epoch seconds from Lambda. */
        readonly ApproximateCreationDateTime?: Date | number | undefined;
      }
    | undefined;
}

const plain = (image: Image | undefined): Record<string, unknown> | undefined =>
  // The SDK and Lambda's types for attribute values differ only in name.
  image === undefined ? undefined : unmarshall(image as Parameters<typeof unmarshall>[0]);

function changedAt(value: Date | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  return (value instanceof Date ? value : new Date(value * 1000)).toISOString();
}

export function toChangeMessage(record: StreamChange, table: string): ChangeMessage {
  const stream = record.dynamodb ?? {};
  const newImage = plain(stream.NewImage);
  const oldImage = plain(stream.OldImage);
  const keys = plain(stream.Keys) ?? {};
  const when = changedAt(stream.ApproximateCreationDateTime);
  return {
    kind: 'change',
    table,
    eventId: record.eventID ?? '',
    eventName: (record.eventName ?? 'MODIFY') as ChangeMessage['eventName'],
    itemType: String((newImage ?? oldImage)?.type ?? ''),
    keys: { pk: String(keys.pk ?? ''), sk: String(keys.sk ?? '') },
    sequenceNumber: stream.SequenceNumber ?? '',
    ...(when ? { changedAt: when } : {}),
    ...(newImage ? { newImage } : {}),
    ...(oldImage ? { oldImage } : {}),
  };
}
