import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { runtimePartitionPatterns, serviceAccess, type Catalog, type ServiceEntry } from '@ndf/catalog';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import type { DataStack } from '../stacks/data-stack.js';
import type { ServiceQueues } from '../constructs/service-queue.js';
import type { PipelineStack } from '../stacks/pipeline-stack.js';
import { grantBucketPrefix, grantIndexPartitions, grantItems } from './data-access.js';

const CONSUME = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

export interface ServiceTaskRoleProps {
  readonly catalog: Catalog;
  readonly service: ServiceEntry;
  readonly prefix: string;
  readonly data: DataStack;
  readonly pipeline: PipelineStack;
  /** The queues of a service, as the role's stack sees them. */
  readonly queuesOf: (service: string) => ServiceQueues;
  /** The mail relay's secret as the role's stack sees it, for a service that sends email. */
  readonly mailRelaySecret: secretsmanager.ISecret | undefined;
}

/**
 * A service's task role: exactly what its catalog entry says it touches. Its own queue (read,
 * and send again, as a breaker's requeue and a replay do) and DLQ (swept into quarantine);
 * the queues it emits to; tenant items of the tables it reads or writes; its own partitions
 * of the runtime table; its bucket prefixes; the mail relay's secret if it sends email.
 */
export function serviceTaskRole(
  scope: Construct,
  id: string,
  { catalog, service, prefix, data, pipeline, queuesOf, mailRelaySecret }: ServiceTaskRoleProps,
): iam.Role {
  const role = new iam.Role(scope, id, {
    roleName: `${prefix}${service.name}-task`,
    assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    description: `Task role of ${service.name}: its own queue, tenant items and bucket prefixes only`,
  });
  const access = serviceAccess(catalog, service);
  const own = queuesOf(service.name);
  role.addToPolicy(new iam.PolicyStatement({ actions: [...CONSUME, 'sqs:SendMessage'], resources: [own.queue.queueArn] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: CONSUME, resources: [own.deadLetterQueue.queueArn] }));
  const downstream = access.sendsTo.map((name) => queuesOf(name).queue.queueArn);
  if (downstream.length > 0)
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], resources: downstream }));
  const watched = access.watchesBacklogOf.map((name) => queuesOf(name).queue.queueArn);
  if (watched.length > 0)
    role.addToPolicy(new iam.PolicyStatement({ actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], resources: watched }));
  for (const { table, index, partitions } of access.indexes) grantIndexPartitions(role, data.tables.get(table)!, index, partitions);
  pipeline.key.grantEncryptDecrypt(role);

  for (const { table, partitions, write } of access.tables) grantItems(role, data.tables.get(table)!, partitions, { write });
  grantItems(role, data.tables.get('runtime')!, runtimePartitionPatterns(service.name), { write: true });
  for (const { bucket, prefix: keyPrefix, read, write, expire } of access.buckets)
    grantBucketPrefix(role, data.buckets.get(bucket)!, keyPrefix, { read, write, expire });
  data.key.grantEncryptDecrypt(role);
  mailRelaySecret?.grantRead(role);
  accept(role, ACCEPTED.kmsGrant, ACCEPTED.tableIndexes, ACCEPTED.bucketPrefixes);
  return role;
}
