import type { DynamoDBStreamEvent } from 'aws-lambda';

type StreamRecord = DynamoDBStreamEvent['Records'][number];
type AttributeValue = NonNullable<NonNullable<StreamRecord['dynamodb']>['NewImage']>[string];

/** A receipt's MODIFY record as the notes table's stream delivers it to the router Lambda. */
export function receiptRecord(
  sequence: string,
  receiptId: string,
  image: { readonly status?: string; readonly type?: AttributeValue; readonly correlationId?: string } = {},
): StreamRecord {
  const keys = { pk: { S: `T#acme#R#${receiptId}` }, sk: { S: `RCPT#${receiptId}` } };
  return {
    eventID: `event-${sequence}`,
    eventName: 'MODIFY',
    dynamodb: {
      Keys: keys,
      NewImage: {
        ...keys,
        type: image.type ?? { S: 'RECEIPT' },
        tenant: { S: 'acme' },
        receiptId: { S: receiptId },
        status: { S: image.status ?? 'uploaded' },
        objectKey: { S: `tenants/acme/receipts/${receiptId}` },
        ...(image.correlationId ? { correlationId: { S: image.correlationId } } : {}),
      },
      SequenceNumber: sequence,
      ApproximateCreationDateTime: 1_767_225_600,
    },
  };
}
