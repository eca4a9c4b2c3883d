import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface PlatformKeyProps {
  /** What the key protects, for its alias and description. */
  readonly purpose: string;
  readonly prefix: string;
  /** AWS services that encrypt with it on their own (CloudWatch Logs, alarms and EventBridge rules publishing to SNS). */
  readonly servicePrincipals?: readonly ('logs' | 'cloudwatch' | 'events')[];
}

/**
 * A customer-managed key with yearly rotation, kept when its stack is deleted: data it
 * encrypted must stay readable.
 */
export class PlatformKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: PlatformKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${props.prefix}${props.purpose}`,
      description: `Encrypts the ${props.purpose} of the expense-notes platform`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stack = Stack.of(this);
    for (const principal of props.servicePrincipals ?? []) {
      if (principal === 'logs') {
        this.key.addToResourcePolicy(
          new iam.PolicyStatement({
            principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
            actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            resources: ['*'],
            conditions: {
              ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` },
            },
          }),
        );
      } else {
        this.key.addToResourcePolicy(
          new iam.PolicyStatement({
            principals: [new iam.ServicePrincipal(`${principal}.amazonaws.com`)],
            actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            resources: ['*'],
            conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
          }),
        );
      }
    }
  }
}
