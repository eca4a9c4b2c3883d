import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { BucketEntry } from '@ndf/catalog';
import { RECEIPT_ORIGINALS_PREFIX } from '@ndf/contracts';

/** French law keeps accounting documents ten years (Code de commerce L123-22); leap days included. */
export const ORIGINALS_RETENTION = Duration.days(3653);

export interface DataBucketProps {
  readonly entry: BucketEntry;
  readonly bucketName: string;
  readonly key: kms.IKey;
  readonly accessLogs: s3.IBucket;
}

/**
 * A bucket of the catalog: private, TLS only, versioned, encrypted with the data key, logged,
 * kept when its stack goes. A bucket of originals also locks every object version in
 * governance mode for the legal retention, so that neither a bug nor an operator without
 * the bypass permission can delete a receipt.
 */
export function dataBucket(scope: Construct, id: string, { entry, bucketName, key, accessLogs }: DataBucketProps): s3.Bucket {
  return new s3.Bucket(scope, id, {
    bucketName,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: `${bucketName}/`,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(entry.retainOriginals
      ? { objectLockEnabled: true, objectLockDefaultRetention: s3.ObjectLockRetention.governance(ORIGINALS_RETENTION) }
      : {}),
    lifecycleRules: lifecycle(entry),
  });
}

function lifecycle(entry: BucketEntry): s3.LifecycleRule[] {
  const abortUploads: s3.LifecycleRule = { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(2) };
  if (entry.retainOriginals) {
    return [
      abortUploads,
      {
        // Receipts are read in the month they are sent, then rarely: colder storage that still reads in milliseconds.
        id: 'originals-to-colder-storage',
        prefix: RECEIPT_ORIGINALS_PREFIX,
        transitions: [
          { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
          { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(365) },
        ],
      },
      {
        id: 'derived-to-infrequent-access',
        prefix: 'derived/',
        transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
      },
    ];
  }
  return [
    abortUploads,
    { id: 'to-infrequent-access', transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] },
    // Overwritten or deleted versions stay 90 days for recovery, then go.
    { id: 'noncurrent-versions', noncurrentVersionExpiration: Duration.days(90) },
  ];
}
