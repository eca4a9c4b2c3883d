import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { grantBucketPrefix } from '../policies/data-access.js';
import { ON_FAILURE_PREFIX } from './quarantine-destination.js';

export interface GivenUpDrainProps {
  readonly prefix: string;
  /** The quarantine bucket, where the routers' event source mappings write the batches they give up. */
  readonly bucket: s3.IBucket;
  readonly queueKey: kms.IKey;
  /** The function that quarantines each given-up record (services/stream-router's given-up-lambda). */
  readonly drain: lambda.IFunction;
}

/**
 * What the stream routers' event source mappings give up must be listed and replayed like any
 * quarantine: each invocation record they write under aws/lambda/ of the quarantine bucket is
 * notified to a queue, from which the drain quarantines its records. A notification the drain
 * cannot handle is retried, then kept 14 days in the queue's DLQ; the object stays anyway.
 */
export class GivenUpDrain extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /** The drain's execution role. */
  readonly drainRole: iam.IRole;

  constructor(scope: Construct, id: string, props: GivenUpDrainProps) {
    super(scope, id);
    this.drainRole = props.drain.role!;
    const encryption = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.queueKey,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      queueName: `${props.prefix}stream-routers-given-up-dlq`,
      retentionPeriod: Duration.days(14),
      ...encryption,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: `${props.prefix}stream-routers-given-up`,
      visibilityTimeout: Duration.minutes(2),
      retentionPeriod: Duration.days(14),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 10 },
      ...encryption,
    });
    props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), { prefix: ON_FAILURE_PREFIX });
    props.drain.addEventSource(new SqsEventSource(this.queue, { batchSize: 1, reportBatchItemFailures: true }));
    grantBucketPrefix(props.drain, props.bucket, ON_FAILURE_PREFIX, { read: true, write: false });
  }
}
