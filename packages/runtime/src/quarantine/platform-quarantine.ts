import { bucketName, tableName } from '@ndf/catalog';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoQuarantineStore } from './dynamo-quarantine-store.js';

/** The platform's one quarantine (the catalog's `runtime` table and `quarantine` bucket) under a resource prefix. */
export function platformQuarantine(
  clients: { readonly dynamodb: DynamoDBClient; readonly s3: S3Client; readonly sqs: SQSClient },
  prefix: string,
): DynamoQuarantineStore {
  return new DynamoQuarantineStore({
    dynamodb: clients.dynamodb,
    s3: clients.s3,
    sqs: clients.sqs,
    tableName: tableName(prefix, 'runtime'),
    bucketName: bucketName(prefix, 'quarantine'),
  });
}
