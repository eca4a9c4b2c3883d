import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { listingSortKeysBetween, noteKey, ownerListing, parseListingSortKey, tenantScope, type TenantScope } from '@ndf/contracts';
import { queryEveryPage } from './query-pages.js';

export interface OwnerNotesQuery {
  /** ISO dates (yyyy-mm-dd), both included, compared as the listing's sort keys are: a month's last day may be given as its 31st. */
  readonly from: string;
  readonly to: string;
  /** The attributes read of each note (a ProjectionExpression); all of them when absent. */
  readonly projection?: string;
  /** Which notes come back (a FilterExpression without placeholders), applied by DynamoDB to each page read. */
  readonly filter?: string;
  /** A listing key (date#noteId) of the owner's: the read starts after it (a report's next page). */
  readonly after?: string;
  /** At most this many notes read (a page and one more). */
  readonly atMost?: number;
}

/**
 * The notes of `owner` in the scope's tenant dated from `query.from` to `query.to`, oldest first,
 * every page: the owner listing (gsi1), one user's partition sorted by expense date, never the
 * tenant's. An index is read eventually consistent only (DynamoDB refuses ConsistentRead on it):
 * a note written a moment ago may be missing.
 */
export async function readOwnerNotes(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  owner: string,
  query: OwnerNotesQuery,
  signal: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const keys = listingSortKeysBetween(query.from, query.to);
  const ownerScope = tenantScope({ tenant: scope.tenant, user: owner, roles: [] });
  const after = query.after === undefined ? undefined : parseListingSortKey(query.after);
  if (query.after !== undefined && after === undefined) throw new Error(`${query.after} is not a listing key.`);
  return queryEveryPage(
    dynamodb,
    {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :owner AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: marshall({
        ':owner': ownerListing(ownerScope),
        ':from': keys.from,
        ':to': keys.to,
      }),
      ...(query.projection === undefined ? {} : { ProjectionExpression: query.projection }),
      ...(query.filter === undefined ? {} : { FilterExpression: query.filter }),
    },
    signal,
    {
      // An index's start key is the item's table key and its index key.
      ...(after === undefined
        ? {}
        : { startAfter: marshall({ ...noteKey(ownerScope, after.noteId), gsi1pk: ownerListing(ownerScope), gsi1sk: query.after }) }),
      ...(query.atMost === undefined ? {} : { atMost: query.atMost }),
    },
  );
}
