import { NagSuppressions, type NagPackSuppression } from 'cdk-nag';
import type { IConstruct } from 'constructs';

// The cdk-nag AwsSolutions findings this app accepts, each with its reason. They are applied
// where the finding arises (accept(construct, ...)), so that a new resource gets none of them
// by accident. cdk-nag 2 is used rather than 3: its suppressions match findings by pattern
// (an object ARN under a prefix), where 3 wants each finding's exact text, cross-stack
// tokens included.

export const ACCEPTED = {
  kmsGrant: {
    id: 'AwsSolutions-IAM5',
    reason:
      'kms:GenerateDataKey* and kms:ReEncrypt* are the standard encrypt/decrypt grant on one named customer-managed key, not on keys in general',
    appliesTo: [{ regex: '/^Action::kms:(GenerateDataKey|ReEncrypt)\\*$/g' }],
  },
  tableIndexes: {
    id: 'AwsSolutions-IAM5',
    reason:
      "Queries on the table's own indexes, still limited to tenant-scoped (or the service's own) partition keys by dynamodb:LeadingKeys",
    appliesTo: [{ regex: '/^Resource::.+\\/index\\/\\*$/g' }],
  },
  bucketPrefixes: {
    id: 'AwsSolutions-IAM5',
    reason:
      'Objects under one key prefix of one bucket (tenants/, derived/, quarantine/<service>/, aws/lambda/): the finest grain that still covers objects named at run time',
    appliesTo: [{ regex: '/^Resource::.+\\/(tenants|derived|quarantine\\/[a-z0-9-]+|aws\\/lambda)\\/\\*$/g' }],
  },
  quarantineOperator: {
    id: 'AwsSolutions-IAM5',
    reason: "Quarantine operators read any service's quarantined payloads (quarantine/<service>/...) to show and replay them",
    appliesTo: [{ regex: '/^Resource::.+\\/quarantine\\/\\*$/g' }],
  },
  xrayTracing: {
    id: 'AwsSolutions-IAM5',
    reason: 'X-Ray accepts trace segments and telemetry only on resource "*" (xray:PutTraceSegments, xray:PutTelemetryRecords)',
    appliesTo: ['Resource::*'],
  },
  lambdaBasicExecution: {
    id: 'AwsSolutions-IAM4',
    reason: "AWSLambdaBasicExecutionRole only lets the function write its logs; it is AWS's own minimal policy for that",
    appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
  },
  ecrAuthorization: {
    id: 'AwsSolutions-IAM5',
    reason: 'ecr:GetAuthorizationToken exists only on resource "*"; image pulls themselves are limited to the asset repository',
    appliesTo: ['Resource::*'],
  },
  plainEnvironment: {
    id: 'AwsSolutions-ECS2',
    reason:
      'The environment holds only non-secret settings (name prefix, metrics format, log level); secrets come from Secrets Manager through `secrets`',
  },
  publicRoute: {
    id: 'AwsSolutions-APIG4',
    reason: "A public route of the catalog (health, the API's contract): it reads no tenant data",
  },
  backupServiceRole: {
    id: 'AwsSolutions-IAM4',
    reason:
      "AWS Backup's own service-role policies for backing up and restoring DynamoDB and S3, maintained by AWS as those services change",
    appliesTo: [
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
      'Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup',
      'Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore',
    ],
  },
  manualSecretRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      "The mail relay's credentials are issued by the relay's provider; they are rotated there, then set here by an operator (runbook in the README)",
  },
  manualWebhookRotation: {
    id: 'AwsSolutions-SMG4',
    reason:
      "The chat webhook's address is issued by the chat (a Slack incoming webhook); it is replaced there, then put in the secret by an operator",
  },
  lambdaFailureDestination: {
    id: 'AwsSolutions-SQS3',
    reason:
      "The alert forwarder's failure destination: it holds the pages the chat did not take, for 14 days; nothing consumes it, so it needs no DLQ of its own",
  },
  cdkNotificationsHandler: {
    id: 'AwsSolutions-IAM4',
    reason: "CDK's own handler that sets the bucket notifications at deploy time; it runs only during a deployment",
    appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
  },
} satisfies Record<string, NagPackSuppression>;

/** Accepts findings on a construct and everything under it. */
export function accept(construct: IConstruct, ...findings: NagPackSuppression[]): void {
  NagSuppressions.addResourceSuppressions(construct, findings, true);
}
