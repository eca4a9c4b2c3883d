import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { itemReader, readChange } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { appendRecord, auditRecordOf } from '@ndf/audit-records';

export const SERVICE = 'audit-trail';

export interface AuditDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  /** Physical names of the notes table and the audit bucket. */
  readonly notesTable: string;
  readonly auditBucket: string;
}

/**
 * Every change of a note, a receipt or a workflow step becomes one record in the audit bucket,
 * under its note: who, when, what changed. A redelivered change writes the same object again.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb' | 's3'>, 'call' | 'log'>,
  dependencies: AuditDependencies,
): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const record = auditRecordOf(change);
  if (record === undefined) throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} names no tenant.`);
  const key = await context.call('s3', (signal) => appendRecord(dependencies.s3, dependencies.auditBucket, record, signal));
  context.log.info({ event: 'change-recorded', key, itemType: record.itemType, noteId: record.noteId, receiptId: record.receiptId });
}
