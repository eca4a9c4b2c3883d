import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ACCEPTED, accept } from '../nag-suppressions.js';

export const BACKUP_RETENTION = Duration.days(35);

export interface DailyBackupsProps {
  readonly prefix: string;
  readonly key: kms.IKey;
  readonly tables: readonly dynamodb.ITable[];
  readonly buckets: readonly s3.IBucket[];
}

/**
 * AWS Backup of every table and bucket once a day, kept 35 days, in a vault encrypted with
 * the data key: a copy outside the resources themselves (point-in-time recovery and
 * versioning guard against mistakes, not against the loss of the resource).
 */
export function dailyBackups(scope: Construct, id: string, props: DailyBackupsProps): backup.BackupPlan {
  const vault = new backup.BackupVault(scope, `${id}Vault`, {
    backupVaultName: `${props.prefix}backups`,
    encryptionKey: props.key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const plan = new backup.BackupPlan(scope, id, { backupPlanName: `${props.prefix}daily`, backupVault: vault });
  plan.addRule(
    new backup.BackupPlanRule({
      ruleName: 'daily-35-days',
      scheduleExpression: events.Schedule.cron({ hour: '2', minute: '0' }),
      startWindow: Duration.hours(1),
      completionWindow: Duration.hours(8),
      deleteAfter: BACKUP_RETENTION,
    }),
  );
  const role = new iam.Role(scope, `${id}Role`, {
    assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    description: 'AWS Backup: back up and restore the platform tables and buckets',
    managedPolicies: [
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
      iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      iam.ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Backup'),
      iam.ManagedPolicy.fromAwsManagedPolicyName('AWSBackupServiceRolePolicyForS3Restore'),
    ],
  });
  props.key.grantEncryptDecrypt(role);
  accept(role, ACCEPTED.backupServiceRole, ACCEPTED.kmsGrant);
  plan.addSelection('TablesAndBuckets', {
    role,
    resources: [
      ...props.tables.map((table) => backup.BackupResource.fromDynamoDbTable(table)),
      ...props.buckets.map((bucket) => backup.BackupResource.fromArn(bucket.bucketArn)),
    ],
  });
  return plan;
}
