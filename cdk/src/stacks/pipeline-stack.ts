import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import {
  bucketNotifications,
  quarantinePayloadPrefix,
  runtimePartitionPatterns,
  SCHEDULE_TICK,
  streamSubscriptions,
  type Catalog,
  type StreamRouterEntry,
} from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { nodeLambda } from '../constructs/node-lambda.js';
import { PlatformKey } from '../constructs/platform-key.js';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import { QuarantineBucketDestination } from '../constructs/quarantine-destination.js';
import { GivenUpDrain } from '../constructs/given-up-drain.js';
import { grantBucketPrefix, grantItems } from '../policies/data-access.js';
import { quarantineOperatorRole } from '../policies/operator-role.js';
import type * as iam from 'aws-cdk-lib/aws-iam';
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

/** Above the router's own deadline and its pause after an outage, so that a slow batch is reported by the router, not cut by Lambda. */
export const routerTimeout = (router: StreamRouterEntry): Duration => Duration.seconds(Math.ceil(router.deadlineMs / 1000) + 5);

/**
 * How long the mapping retries a batch behind an outage before giving it up to the quarantine
 * bucket: as long as it can, short of the stream's 24-hour retention, so that no record is
 * trimmed from the stream while it still waits.
 */
export const ROUTER_MAX_RECORD_AGE = Duration.hours(23);

/**
 * The buffers between the services: one queue and DLQ per service of the catalog, the
 * stream routers that fan a table's changes out to the subscribed queues, and the bucket
 * notifications that feed the services reading S3.
 */
export class PipelineStack extends Stack {
  readonly key: kms.Key;
  readonly queues = new Map<string, ServiceQueues>();
  readonly routers: DeployedRouter[] = [];
  readonly givenUp: GivenUpDrain | undefined;
  /** Who may replay and discard quarantined messages, and add to their audit. */
  readonly operatorRole: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { catalog, config, data } = props;
    this.key = new PlatformKey(this, 'QueueKey', { purpose: 'queues', prefix: config.prefix, servicePrincipals: ['logs'] }).key;
    for (const service of catalog.services) this.queues.set(service.name, serviceQueues(this, service, config.prefix, this.key));

    for (const router of catalog.routers) this.routers.push(this.#router(router, props));
    this.givenUp = catalog.routers.length > 0 ? this.#givenUpDrain(props) : undefined;
    this.operatorRole = quarantineOperatorRole(this, 'QuarantineOperator', {
      prefix: config.prefix,
      data,
      queues: [...this.queues.values()],
      queueKey: this.key,
    });

    // Services fed by a schedule: the tick the platform sends them on the laptop, from an EventBridge rule.
    for (const service of catalog.services) {
      if (service.consumes.kind !== 'schedule') continue;
      new events.Rule(this, `Tick-${service.name}`, {
        ruleName: `${config.prefix}${service.name}-tick`,
        description: `A tick to ${service.name} every ${service.consumes.everySeconds} s`,
        schedule: events.Schedule.rate(Duration.minutes(service.consumes.everySeconds / 60)),
        targets: [
          new targets.SqsQueue(this.queues.get(service.name)!.queue, { message: events.RuleTargetInput.fromObject(SCHEDULE_TICK) }),
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
      // The router quarantines a record that fails for its own sake (after router.maxRetries)
      // and hands the batch back only for an outage: that is retried until the outage ends.
      retryAttempts: -1,
      maxRecordAge: ROUTER_MAX_RECORD_AGE,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      // One batch per shard at a time: a note's changes reach the queues in their order.
      parallelizationFactor: 1,
      onFailure: new QuarantineBucketDestination(data.buckets.get('quarantine')!),
      metricsConfig: { metrics: [lambda.MetricType.EVENT_COUNT] },
    });
    fn.addEventSource(stream);
    this.#grantQuarantine(fn, router.name, data);
    accept(fn, ACCEPTED.bucketPrefixes, ACCEPTED.tableIndexes);
    for (const subscription of streamSubscriptions(catalog, router.table))
      this.queues.get(subscription.service)!.queue.grantSendMessages(fn);
    return { entry: router, function: fn, mappingId: stream.eventSourceMappingId };
  }

  /** Its records in the quarantine: its partitions of the runtime table, its prefix of the quarantine bucket. */
  #grantQuarantine(fn: lambda.IFunction, quarantineService: string, data: DataStack): void {
    grantItems(fn, data.tables.get('runtime')!, runtimePartitionPatterns(quarantineService), { write: true });
    grantBucketPrefix(fn, data.buckets.get('quarantine')!, quarantinePayloadPrefix(quarantineService), { read: true, write: true });
    data.key.grantEncryptDecrypt(fn);
  }

  /** Drains what the routers' mappings give up into the quarantine, where it is listed and replayed. */
  #givenUpDrain(props: PipelineStackProps): GivenUpDrain {
    const { config, data } = props;
    const router = props.catalog.routers[0]!;
    const fn = nodeLambda(this, 'RoutersGivenUp', {
      service: router.name,
      entry: 'src/given-up-lambda.ts',
      functionName: `${config.prefix}stream-routers-given-up`,
      timeout: Duration.seconds(60),
      memorySize: 512,
      environment: { NDF_PREFIX: config.prefix },
      key: this.key,
    });
    const quarantine = data.buckets.get('quarantine')!;
    const bucket = s3.Bucket.fromBucketAttributes(this, 'Notifying-quarantine', {
      bucketArn: quarantine.bucketArn,
      bucketName: quarantine.bucketName,
      encryptionKey: data.key,
    });
    for (const each of props.catalog.routers) this.#grantQuarantine(fn, each.name, data);
    accept(fn, ACCEPTED.bucketPrefixes, ACCEPTED.tableIndexes);
    return new GivenUpDrain(this, 'GivenUp', { prefix: config.prefix, bucket, queueKey: this.key, drain: fn });
  }
}
