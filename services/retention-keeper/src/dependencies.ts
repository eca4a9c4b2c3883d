import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { bucketName, tableName } from '@ndf/catalog';
import type { DependencyContext } from '@ndf/runtime';
import { randomUUID } from 'node:crypto';
import { retentionSettings, type RetentionSettings } from './config.js';

export interface RetentionDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  /** Physical names of the notes table and of the receipts and audit buckets. */
  readonly table: string;
  readonly receiptsBucket: string;
  readonly auditBucket: string;
  readonly settings: RetentionSettings;
  readonly now: () => Date;
  readonly newPseudonym: () => string;
}

export function retentionDependencies({
  env,
  clients,
  prefix,
}: Pick<DependencyContext, 'env' | 'clients' | 'prefix'>): RetentionDependencies {
  return {
    dynamodb: clients.dynamodb,
    s3: clients.s3,
    table: tableName(prefix, 'notes'),
    receiptsBucket: bucketName(prefix, 'receipts'),
    auditBucket: bucketName(prefix, 'audit'),
    settings: retentionSettings(env),
    now: () => new Date(),
    newPseudonym: () => `erased-${randomUUID()}`,
  };
}
