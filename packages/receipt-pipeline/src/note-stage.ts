import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { TenantScope } from '@ndf/contracts';
import { stageItem, type StageOutcome } from './stage-item.js';

/**
 * Writes a service's stage about a note, computed from the note's `noteVersion`, unless a
 * stage from a later version is already there: changes reach the services in any order and
 * more than once, and an old one must not overwrite what a newer one found. Says whether it wrote.
 */
export async function writeNoteStage(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  service: string,
  note: { readonly noteId: string; readonly version: number },
  stage: StageOutcome,
  signal: AbortSignal,
): Promise<boolean> {
  const item = { ...stageItem(scope, service, { noteId: note.noteId }, stage), noteVersion: note.version };
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(noteVersion) OR noteVersion <= :version',
        ExpressionAttributeValues: marshall({ ':version': note.version }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
