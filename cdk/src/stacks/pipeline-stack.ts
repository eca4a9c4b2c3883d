import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { bucketNotifications, streamSubscriptions, type Catalog, type StreamRouterEntry } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { nodeLambda } from '../constructs/node-lambda.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import { QuarantineBucketDestination } from '../constructs/quarantine-destination.js';
import { serviceQueues, type ServiceQueues } from '../constructs/service-queue.js';
import type { DataStack } from './data-stack.js';

export interface PipelineStackProps extends StackProps {
  readonly catalog: Catalog;
  readonly config: DeploymentConfig;
  readonly data: DataStack;
}

export interface DeployedRouter {
  readonly entry: StreamRouterEntry;
  readonly function: lambda.IFunction;
  /** The event source mapping on the stream, whose metrics count records given up. */
  readonly mappingId: string;
}

/** Above the router's own deadline, so that a slow batch is reported by the router, not cut by Lambda. */
export const routerTimeout = (router: StreamRouterEntry): Duration => Duration.seconds(Math.ceil(router.deadlineMs / 1000) + 5);

/**
 * The buffers between the services: one queue and DLQ per service of the catalog, the
 * stream routers that fan a table's changes out to the subscribed queues, and the bucket
 * notifications that feed the services reading S3.
 */
export class PipelineStack extends Stack {
  readonly key: kms.Key;
  readonly queues = new Map<string, ServiceQueues>();
  readonly routers: DeployedRouter[] = [];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { catalog, config, data } = props;
    this.key = new PlatformKey(this, 'QueueKey', { purpose: 'queues', prefix: config.prefix, servicePrincipals: ['logs'] }).key;
    for (const service of catalog.services) this.queues.set(service.name, serviceQueues(this, service, config.prefix, this.key));

    for (const router of catalog.routers) this.routers.push(this.#router(router, props));

    // Services fed by a schedule: the tick the platform sends them on the laptop, from an EventBridge rule.
    for (const service of catalog.services) {
      if (service.consumes.kind !== 'schedule') continue;
      new events.Rule(this, `Tick-${service.name}`, {
        ruleName: `${config.prefix}${service.name}-tick`,
        description: `A tick to ${service.name} every ${service.consumes.everySeconds} s`,
        schedule: events.Schedule.rate(Duration.minutes(service.consumes.everySeconds / 60)),
        targets: [
          new targets.SqsQueue(this.queues.get(service.name)!.queue, { message: events.RuleTargetInput.fromObject({ kind: 'tick' }) }),
        ],
      });
    }

    // The buckets live in the data stack; their notifications are set from here, where the queues are.
    const imported = new Map<string, s3.IBucket>();
    for (const notification of bucketNotifications(catalog)) {
      const source = data.buckets.get(notification.bucket)!;
      const bucket =
        imported.get(notification.bucket) ??
        s3.Bucket.fromBucketAttributes(this, `Notifying-${notification.bucket}`, {
          bucketArn: source.bucketArn,
          bucketName: source.bucketName,
          encryptionKey: data.key,
        });
      imported.set(notification.bucket, bucket);
      const filter = { prefix: notification.prefix, ...(notification.suffix ? { suffix: notification.suffix } : {}) };
      bucket.addEventNotification(
        s3.EventType.OBJECT_CREATED,
        new s3n.SqsDestination(this.queues.get(notification.service)!.queue),
        filter,
      );
    }
    for (const handler of this.node.children.filter((child) => child.node.id.startsWith('BucketNotificationsHandler')))
      accept(handler, ACCEPTED.cdkNotificationsHandler);
  }

  #router(router: StreamRouterEntry, { catalog, config, data }: PipelineStackProps): DeployedRouter {
    const fn = nodeLambda(this, `Router-${router.name}`, {
      service: router.name,
      entry: 'src/lambda.ts',
      functionName: `${config.prefix}${router.name}`,
      timeout: routerTimeout(router),
      memorySize: 512,
      environment: { NDF_PREFIX: config.prefix },
      key: this.key,
    });
    const stream = new DynamoEventSource(data.tables.get(router.table)!, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: router.batchSize,
      retryAttempts: router.maxRetries,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      // One batch per shard at a time: a note's changes reach the queues in their order.
      parallelizationFactor: 1,
      onFailure: new QuarantineBucketDestination(data.buckets.get('quarantine')!),
      metricsConfig: { metrics: [lambda.MetricType.EVENT_COUNT] },
    });
    fn.addEventSource(stream);
    accept(fn, ACCEPTED.bucketPrefixes);
    for (const subscription of streamSubscriptions(catalog, router.table))
      this.queues.get(subscription.service)!.queue.grantSendMessages(fn);
    return { entry: router, function: fn, mappingId: stream.eventSourceMappingId };
  }
}
