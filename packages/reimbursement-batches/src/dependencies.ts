import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { bucketName, tableName } from '@ndf/catalog';
import type { CallDependency, DependencyContext } from '@ndf/runtime';

export interface BatcherDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  /** Physical names of the notes table and the exports bucket. */
  readonly notesTable: string;
  readonly exportsBucket: string;
  readonly now: () => Date;
}

/** How a step reaches AWS: `context.call` in the service (breaker, retries, deadline); the signal alone in a test. */
export type Call = CallDependency<'dynamodb' | 's3'>;

export function batcherDependencies({ clients, prefix }: DependencyContext): BatcherDependencies {
  return {
    dynamodb: clients.dynamodb,
    s3: clients.s3,
    notesTable: tableName(prefix, 'notes'),
    exportsBucket: bucketName(prefix, 'exports'),
    now: () => new Date(),
  };
}
