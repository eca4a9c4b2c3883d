import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { bucketName, tableName } from '@ndf/catalog';
import { ReceiptState } from '@ndf/receipt-pipeline';
import type { DependencyContext } from '@ndf/runtime';
import { reconcilerSettings, type ReconcilerSettings } from './config.js';

export interface ReconcilerDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  /** Physical names of the notes table and the receipts bucket. */
  readonly table: string;
  readonly bucket: string;
  readonly region: string;
  readonly prefix: string;
  /** Its own steps of the receipt's state machine (expire, fail), under its own stage. */
  readonly state: ReceiptState;
  readonly settings: ReconcilerSettings;
  readonly now: () => Date;
}

export async function reconcilerDependencies({ name, env, clients, prefix }: DependencyContext): Promise<ReconcilerDependencies> {
  const table = tableName(prefix, 'notes');
  return {
    dynamodb: clients.dynamodb,
    s3: clients.s3,
    sqs: clients.sqs,
    table,
    bucket: bucketName(prefix, 'receipts'),
    region: await clients.s3.config.region(),
    prefix,
    state: new ReceiptState(clients.dynamodb, table, name),
    settings: reconcilerSettings(env),
    now: () => new Date(),
  };
}
