import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/** Where Lambda writes the invocation records of a stream's failed batches in the on-failure bucket. */
export const ON_FAILURE_PREFIX = 'aws/lambda/';

/**
 * An event source mapping's on-failure destination in the quarantine bucket. Unlike an SQS
 * or SNS destination, which keep only the records' positions (lost once the stream trims
 * them after 24 hours), an S3 destination keeps the whole batch. The function may only put
 * objects under Lambda's own prefix, not read the bucket.
 */
export class QuarantineBucketDestination implements lambda.IEventSourceDlq {
  constructor(private readonly bucket: s3.IBucket) {}

  bind(_target: lambda.IEventSourceMapping, targetHandler: lambda.IFunction): lambda.DlqDestinationConfig {
    targetHandler.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(`${ON_FAILURE_PREFIX}*`)] }),
    );
    targetHandler.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${ON_FAILURE_PREFIX}*`] } },
      }),
    );
    this.bucket.encryptionKey?.grantEncrypt(targetHandler);
    return { destination: this.bucket.bucketArn };
  }
}
