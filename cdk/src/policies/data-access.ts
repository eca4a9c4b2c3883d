import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';

const ITEM_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const ITEM_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * Items of a table whose partition key matches one of `partitions` (dynamodb:LeadingKeys),
 * in the table and its indexes. Scans are never granted: they would read every tenant.
 * Transactions are authorised item by item with these same actions.
 */
export function grantItems(
  grantee: iam.IGrantable,
  table: dynamodb.ITable,
  partitions: readonly string[],
  { write }: { write: boolean },
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: write ? [...ITEM_READ, ...ITEM_WRITE] : ITEM_READ,
      resources: [table.tableArn, `${table.tableArn}/index/*`],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } },
    }),
  );
}

/** Queries of one index on partitions outside tenant data (e.g. RECONCILE#*): read only, that index only. */
export function grantIndexPartitions(grantee: iam.IGrantable, table: dynamodb.ITable, index: string, partitions: readonly string[]): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${table.tableArn}/index/${index}`],
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitions] } },
    }),
  );
}

/** Objects under one key prefix of a bucket; listing limited to that prefix. */
export function grantBucketPrefix(
  grantee: iam.IGrantable,
  bucket: s3.IBucket,
  prefix: string,
  { read, write, expire = false }: { read: boolean; write: boolean; expire?: boolean },
): void {
  const actions = [
    ...(read ? ['s3:GetObject', 's3:GetObjectVersion'] : []),
    ...(write ? ['s3:PutObject', 's3:AbortMultipartUpload'] : []),
    // Never s3:BypassGovernanceRetention: a version still locked cannot be deleted, whatever the code decides.
    ...(expire ? ['s3:GetObjectRetention', 's3:DeleteObject', 's3:DeleteObjectVersion'] : []),
  ];
  grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }));
  if (read) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
  }
}
