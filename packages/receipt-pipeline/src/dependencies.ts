import type { S3Client } from '@aws-sdk/client-s3';
import { bucketName, tableName } from '@ndf/catalog';
import type { ServiceContext } from '@ndf/runtime';
import { ReceiptState } from './receipt-state.js';

/** What every receipt service works with: the receipts bucket, and its outcomes on the receipt. */
export interface ReceiptServiceDependencies {
  readonly s3: S3Client;
  /** Physical name of the receipts bucket. */
  readonly receiptsBucket: string;
  readonly state: ReceiptState;
}

/** A service's dependencies from the first message's context (clients and the environment's prefix), built once. */
export function receiptServiceDependencies(
  service: string,
): (context: Pick<ServiceContext, 'clients' | 'prefix'>) => ReceiptServiceDependencies {
  let built: ReceiptServiceDependencies | undefined;
  return ({ clients, prefix }) =>
    (built ??= {
      s3: clients.s3,
      receiptsBucket: bucketName(prefix, 'receipts'),
      state: new ReceiptState(clients.dynamodb, tableName(prefix, 'notes'), service),
    });
}
