import {
  GetItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { categoryHistoryKey, ITEM_TYPES, type TenantScope } from '@ndf/contracts';

/** The category a note's employee chose for its merchant: what the tenant's history counts. */
export interface Choice {
  readonly merchantKey: string;
  readonly category: string;
}

/** What the history counts for one note: its choice (none: it counts for nothing), as of a version. */
export interface CountedChoice {
  readonly noteVersion: number;
  /** Grows with each write of the item: a write made on what another has changed since is refused. */
  readonly revision: number;
  readonly choice?: Choice;
}

/** One merchant's counts are attributes `count:<category>`: ADD creates a missing one, which a nested map would not allow. */
const COUNT_PREFIX = 'count:';

/** How many of the tenant's notes chose each category for this merchant, and what the history counts for this note. */
export async function readHistory(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  noteId: string,
  merchantKey: string | undefined,
  signal: AbortSignal,
): Promise<{ counts: Record<string, number>; counted: CountedChoice | undefined }> {
  const get = (key: object) =>
    dynamodb
      .send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }), { abortSignal: signal })
      .then((answer) => (answer.Item ? unmarshall(answer.Item) : undefined));
  const [merchantItem, noteItem] = await Promise.all([
    merchantKey === undefined ? undefined : get(categoryHistoryKey(scope, { merchantKey })),
    get(categoryHistoryKey(scope, { noteId })),
  ]);
  const counts: Record<string, number> = {};
  for (const [attribute, value] of Object.entries(merchantItem ?? {})) {
    if (attribute.startsWith(COUNT_PREFIX) && typeof value === 'number' && value > 0) counts[attribute.slice(COUNT_PREFIX.length)] = value;
  }
  return { counts, counted: noteItem ? countedChoice(noteItem) : undefined };
}

function countedChoice(item: Record<string, unknown>): CountedChoice {
  const { noteVersion, revision, merchantKey, category } = item;
  return {
    noteVersion: Number(noteVersion),
    revision: Number(revision),
    ...(typeof merchantKey === 'string' && typeof category === 'string' ? { choice: { merchantKey, category } } : {}),
  };
}

export type RecordResult = 'recorded' | 'unchanged' | 'conflict';

/**
 * Makes the history count `choice` for this note version instead of what it counted for the note
 * before (`counted`, as read): one transaction moves the counts and the note's choice together, so
 * a repeated change counts once, a corrected note moves its count, and a version older than the
 * one counted changes nothing. `conflict` when another write changed the note's choice since it
 * was read: read again and retry.
 */
export async function recordChoice(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  note: { readonly noteId: string; readonly version: number },
  counted: CountedChoice | undefined,
  choice: Choice | undefined,
  signal: AbortSignal,
): Promise<RecordResult> {
  if (counted && (counted.noteVersion > note.version || (counted.noteVersion === note.version && sameChoice(counted.choice, choice)))) {
    return 'unchanged';
  }
  const revision = (counted?.revision ?? 0) + 1;
  const items: TransactWriteItem[] = [
    {
      Put: {
        TableName: table,
        Item: marshall(
          {
            ...categoryHistoryKey(scope, { noteId: note.noteId }),
            type: ITEM_TYPES.categoryHistory,
            tenant: scope.tenant,
            noteId: note.noteId,
            noteVersion: note.version,
            revision,
            ...choice,
            updatedAt: new Date().toISOString(),
          },
          { removeUndefinedValues: true },
        ),
        ...(counted
          ? { ConditionExpression: 'revision = :revision', ExpressionAttributeValues: marshall({ ':revision': counted.revision }) }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    ...countMoves(counted?.choice, choice).map(([merchantKey, deltas]) => countUpdate(table, scope, merchantKey, deltas)),
  ];
  try {
    await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }), { abortSignal: signal });
    return 'recorded';
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed')
      return 'conflict';
    throw error;
  }
}

function sameChoice(a: Choice | undefined, b: Choice | undefined): boolean {
  return a?.merchantKey === b?.merchantKey && a?.category === b?.category;
}

/** Count changes per merchant, one entry per merchant since a transaction may touch an item once. */
function countMoves(before: Choice | undefined, after: Choice | undefined): [string, Record<string, number>][] {
  const moves = new Map<string, Record<string, number>>();
  const add = (choice: Choice, delta: number) => {
    const deltas = moves.get(choice.merchantKey) ?? {};
    deltas[choice.category] = (deltas[choice.category] ?? 0) + delta;
    moves.set(choice.merchantKey, deltas);
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return [...moves].filter(([, deltas]) => Object.values(deltas).some((delta) => delta !== 0));
}

function countUpdate(table: string, scope: TenantScope, merchantKey: string, deltas: Record<string, number>): TransactWriteItem {
  const changed = Object.entries(deltas).filter(([, delta]) => delta !== 0);
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = { ':type': ITEM_TYPES.categoryHistory, ':tenant': scope.tenant, ':merchantKey': merchantKey };
  changed.forEach(([category, delta], index) => {
    names[`#c${index}`] = `${COUNT_PREFIX}${category}`;
    values[`:d${index}`] = delta;
  });
  return {
    Update: {
      TableName: table,
      Key: marshall(categoryHistoryKey(scope, { merchantKey })),
      UpdateExpression: `SET #type = :type, tenant = :tenant, merchantKey = :merchantKey ADD ${changed.map((_, index) => `#c${index} :d${index}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshall(values),
    },
  };
}
