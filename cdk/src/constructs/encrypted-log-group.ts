import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** How long logs stay searchable; metrics derived from them (EMF) are kept by CloudWatch on their own terms. */
export const LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

/** A log group encrypted with the stack's key, kept on stack deletion (logs are evidence in an incident). */
export function encryptedLogGroup(scope: Construct, id: string, logGroupName: string, key: kms.IKey): logs.LogGroup {
  return new logs.LogGroup(scope, id, { logGroupName, encryptionKey: key, retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
}
