import {
  ConditionalCheckFailedException,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { noteKey, type TenantScope } from '@ndf/contracts';
import { stageItem, type StageOutcome } from './stage-item.js';

export interface NoteStageOptions {
  /**
   * When the stage started reading the other items it depends on (other notes, an index): of two
   * stages computed from the same note version, one that read earlier does not replace one that read later.
   */
  readonly readAt?: string;
  /**
   * Write only while the note is still at `note.version` (one transaction with a check of the
   * note): for a stage computed about a note other than the one that changed (a year of mileage),
   * which must not land on a note that moved on since it was read (approved, and so frozen).
   */
  readonly whileNoteUnchanged?: boolean;
}

const NEWER = 'attribute_not_exists(pk) OR attribute_not_exists(noteVersion) OR noteVersion < :version';

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
  options: NoteStageOptions = {},
): Promise<boolean> {
  const item = {
    ...stageItem(scope, service, { noteId: note.noteId }, stage),
    noteVersion: note.version,
    ...(options.readAt ? { readAt: options.readAt } : {}),
  };
  const sameVersion = options.readAt
    ? 'noteVersion = :version AND (attribute_not_exists(readAt) OR readAt <= :readAt)'
    : 'noteVersion = :version';
  const put = {
    TableName: tableName,
    Item: marshall(item, { removeUndefinedValues: true }),
    ConditionExpression: `${NEWER} OR (${sameVersion})`,
    ExpressionAttributeValues: marshall({ ':version': note.version, ...(options.readAt ? { ':readAt': options.readAt } : {}) }),
  };
  try {
    if (options.whileNoteUnchanged)
      await dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: marshall(noteKey(scope, note.noteId)),
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: marshall({ ':version': note.version }),
              },
            },
            { Put: put },
          ],
        }),
        { abortSignal: signal },
      );
    else await dynamodb.send(new PutItemCommand(put), { abortSignal: signal });
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.every(isConditionOrNone)) return false;
    throw error;
  }
}

const isConditionOrNone = (reason: { Code?: string }) =>
  reason.Code === undefined || reason.Code === 'None' || reason.Code === 'ConditionalCheckFailed';
