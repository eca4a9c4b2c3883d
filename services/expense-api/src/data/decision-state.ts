import { GetItemCommand, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  APPROVALS_HISTORY_AND_NOTE_RANGE,
  ITEM_TYPES,
  noteKey,
  notePartition,
  type ApprovalItem,
  type HistoryItem,
  type NoteItem,
  type TenantScope,
} from '@ndf/contracts';

/** What a decision on a note looks at: the note, its history (oldest first) and the approvals still pending on it. */
export interface DecisionState {
  readonly note: NoteItem | undefined;
  readonly history: readonly HistoryItem[];
  readonly approvals: readonly ApprovalItem[];
}

/** Reads and answers the notes the actions move (the transitions themselves go through @ndf/note-workflow). */
export class DecisionStore {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** The note with its history and pending approvals: one consistent Query of the sort-key range holding the three. */
  async read(scope: TenantScope, noteId: string, signal: AbortSignal): Promise<DecisionState> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.dynamodb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: marshall({
            ':pk': notePartition(scope, noteId),
            ':from': APPROVALS_HISTORY_AND_NOTE_RANGE.from,
            ':to': APPROVALS_HISTORY_AND_NOTE_RANGE.to,
          }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
        { abortSignal: signal },
      );
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return {
      note: items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined,
      history: items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[],
      approvals: items.filter((item) => item.type === ITEM_TYPES.approval) as unknown as ApprovalItem[],
    };
  }

  /** The note as it stands (a consistent read): what an action answers once applied. */
  async note(scope: TenantScope, noteId: string, signal: AbortSignal): Promise<NoteItem | undefined> {
    const answer = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: marshall(noteKey(scope, noteId)), ConsistentRead: true }),
      { abortSignal: signal },
    );
    return answer.Item ? (unmarshall(answer.Item) as NoteItem) : undefined;
  }
}
