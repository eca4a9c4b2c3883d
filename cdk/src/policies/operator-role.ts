import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { OPERATOR_PARTITION_PATTERNS } from '@ndf/catalog';
import type { ServiceQueues } from '../constructs/service-queue.js';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import type { DataStack } from '../stacks/data-stack.js';
import { grantBucketPrefix } from './data-access.js';

const ITEM_READ = ['dynamodb:GetItem', 'dynamodb:Query'];

export interface QuarantineOperatorRoleProps {
  readonly prefix: string;
  readonly data: DataStack;
  readonly queues: readonly ServiceQueues[];
  readonly queueKey: kms.IKey;
}

/**
 * The role an operator assumes (with MFA) to list, replay and discard quarantined messages: it
 * reads every service's quarantine records and updates their status, sends replays to the
 * services' queues, and adds to the audit of its actions by PutItem only (the quarantine
 * store's PutItem is conditional on the key being new). No service role reaches the audit's
 * partitions, and this one may neither update nor delete in them.
 */
export function quarantineOperatorRole(
  scope: Construct,
  id: string,
  { prefix, data, queues, queueKey }: QuarantineOperatorRoleProps,
): iam.Role {
  const role = new iam.Role(scope, id, {
    roleName: `${prefix}quarantine-operator`,
    assumedBy: new iam.AccountRootPrincipal().withConditions({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    description: 'Quarantine operators: list, replay and discard quarantined messages; their audit is append-only',
  });
  const table = data.tables.get('runtime')!;
  const items = [table.tableArn, `${table.tableArn}/index/*`];
  const onPartitions = (patterns: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: [...ITEM_READ, 'dynamodb:UpdateItem'],
      resources: items,
      conditions: onPartitions(OPERATOR_PARTITION_PATTERNS.records),
    }),
  );
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: [...ITEM_READ, 'dynamodb:PutItem'],
      resources: [table.tableArn],
      conditions: onPartitions(OPERATOR_PARTITION_PATTERNS.audit),
    }),
  );
  grantBucketPrefix(role, data.buckets.get('quarantine')!, 'quarantine/', { read: true, write: false });
  data.key.grantDecrypt(role);
  role.addToPolicy(
    new iam.PolicyStatement({ actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'], resources: queues.map((each) => each.queue.queueArn) }),
  );
  queueKey.grantEncrypt(role);
  accept(role, ACCEPTED.kmsGrant, ACCEPTED.tableIndexes, ACCEPTED.quarantineOperator);
  return role;
}
