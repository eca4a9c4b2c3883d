import type { S3Client } from '@aws-sdk/client-s3';
import { bucketName, tableName } from '@ndf/catalog';
import type { DependencyContext } from '@ndf/runtime';
import { itemReader, type ItemReader } from './change-image.js';
import { ReceiptState } from './receipt-state.js';

/** What every receipt service works with: the receipts bucket, and its outcomes on the receipt. */
export interface ReceiptServiceDependencies {
  readonly s3: S3Client;
  /** Physical name of the receipts bucket. */
  readonly receiptsBucket: string;
  readonly state: ReceiptState;
  /** Reads an item of the notes table: a change sent without its images is completed with it. */
  readonly readItem: ItemReader;
}

/** The dependency factory of a receipt service (see defineService): its clients bound to the receipts bucket and the notes table. */
export function receiptServiceDependencies({
  name,
  clients,
  prefix,
}: Pick<DependencyContext, 'name' | 'clients' | 'prefix'>): ReceiptServiceDependencies {
  return {
    s3: clients.s3,
    receiptsBucket: bucketName(prefix, 'receipts'),
    state: new ReceiptState(clients.dynamodb, tableName(prefix, 'notes'), name),
    readItem: itemReader(clients.dynamodb, tableName(prefix, 'notes')),
  };
}
