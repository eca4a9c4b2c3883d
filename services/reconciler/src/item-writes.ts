import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

/** A receipt as the reconciler's index gave it: its keys, and where it sat in the index when read. */
export interface SeenItem {
  readonly pk: string;
  readonly sk: string;
  readonly gsi1sk: string;
}

/**
 * One conditional update of an item the reconciler read: applied only if the item is still where
 * the index showed it (nobody moved it on, nor another tick took it meanwhile). `false`: it had
 * moved, and nothing was written.
 */
async function updateSeen(
  dynamodb: DynamoDBClient,
  table: string,
  seen: SeenItem,
  update: { readonly expression: string; readonly names?: Record<string, string>; readonly values?: Record<string, unknown> },
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ pk: seen.pk, sk: seen.sk }),
        UpdateExpression: update.expression,
        ConditionExpression: 'gsi1sk = :seen',
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: marshall({ ...update.values, ':seen': seen.gsi1sk }, { removeUndefinedValues: true }),
      }),
      { abortSignal: signal },
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Counts a re-drive on the receipt and looks at it again later; for an uploaded one, this write is the re-drive (the stream takes it to the sniffer). */
export function claimRedrive(dynamodb: DynamoDBClient, table: string, seen: SeenItem, now: Date, signal: AbortSignal): Promise<boolean> {
  return updateSeen(
    dynamodb,
    table,
    seen,
    {
      expression:
        'SET redrives = if_not_exists(redrives, :zero) + :one, redrivesTotal = if_not_exists(redrivesTotal, :zero) + :one, gsi1sk = :now, lastRedriveAt = :now',
      values: { ':zero': 0, ':one': 1, ':now': now.toISOString() },
    },
    signal,
  );
}

/** Looks at the receipt again no sooner than `at` (plus the time it takes to count as stuck), nothing else: an upload still awaited. */
export function lookAgainLater(dynamodb: DynamoDBClient, table: string, seen: SeenItem, at: Date, signal: AbortSignal): Promise<boolean> {
  return updateSeen(dynamodb, table, seen, { expression: 'SET gsi1sk = :at', values: { ':at': at.toISOString() } }, signal);
}

/** Takes an item out of the reconciler's index: it is final, or beyond what the reconciler can do (then with the reason, for on-call). */
export function leaveIndex(
  dynamodb: DynamoDBClient,
  table: string,
  seen: SeenItem,
  gaveUp: { readonly at: Date; readonly reason: string } | undefined,
  signal: AbortSignal,
): Promise<boolean> {
  return updateSeen(
    dynamodb,
    table,
    seen,
    gaveUp
      ? {
          expression: 'SET reconcilerGaveUp = :gaveUp REMOVE gsi1pk, gsi1sk',
          values: { ':gaveUp': { at: gaveUp.at.toISOString(), reason: gaveUp.reason } },
        }
      : { expression: 'REMOVE gsi1pk, gsi1sk' },
    signal,
  );
}
