import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { TenantScope } from '@ndf/contracts';
import { stageItem, type StageOutcome } from './stage-item.js';

/**
 * Writes a service's stage about a note, computed from the note's `noteVersion`, unless a
 * stage from a later version is already there: changes reach the services in any order and
 * more than once, and an old one must not overwrite what a newer one found. A stage that also
 * depends on other items (other notes, an index) gives `readAt`, when it started reading them: of
 * two computed from the same version, one read earlier does not replace one read later. Says
 * whether it wrote.
 */
export async function writeNoteStage(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  service: string,
  note: { readonly noteId: string; readonly version: number },
  stage: StageOutcome,
  signal: AbortSignal,
  options: { readonly readAt?: string } = {},
): Promise<boolean> {
  const item = {
    ...stageItem(scope, service, { noteId: note.noteId }, stage),
    noteVersion: note.version,
    ...(options.readAt ? { readAt: options.readAt } : {}),
  };
  const newer = 'attribute_not_exists(pk) OR attribute_not_exists(noteVersion) OR noteVersion < :version';
  const sameVersion = options.readAt
    ? 'noteVersion = :version AND (attribute_not_exists(readAt) OR readAt <= :readAt)'
    : 'noteVersion = :version';
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ConditionExpression: `${newer} OR (${sameVersion})`,
        ExpressionAttributeValues: marshall({ ':version': note.version, ...(options.readAt ? { ':readAt': options.readAt } : {}) }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
