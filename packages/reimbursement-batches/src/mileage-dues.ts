import { ConditionalCheckFailedException, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  mileageDueShardKey,
  mileageDueTenantPrefix,
  mileageYearKey,
  parseMileageDueSortKey,
  payableShardOf,
  tenantScope,
  type MileageRegularisation,
  type MileageYearItem,
  type TenantScope,
} from '@ndf/contracts';
import { TransientError } from '@ndf/runtime';
import type { BatcherDependencies, Call } from './dependencies.js';
import { withRegularisation } from './mileage-regularisation.js';
import { tenantsInShards } from './tenant-shards.js';
import { queryNotesTable } from './query-pages.js';

/**
 * Adjustment lines one batch carries at most (each a few dozen bytes in the BATCH item, which
 * stays far below DynamoDB's 400 KB); the years past it go in the next batch. A year is never split.
 */
export const MAX_MILEAGE_LINES_PER_BATCH = 1000;
/** Years read at once (consistent GetItems): an on-demand batch runs within an API request's deadline. */
const YEARS_READ_AT_ONCE = 10;
/** Writes of a regularisation that lose the race to a recomputation of the year before the step is left to the next run. */
const REGULARISATION_ROUNDS = 5;

/** The tenants with a mileage year to pay or recover, from its index (see tenantsInShards). */
export async function tenantsWithMileageDue(call: Call, dependencies: BatcherDependencies): Promise<string[]> {
  return tenantsInShards(mileageDueShardKey, call, dependencies);
}

async function readYear(employee: TenantScope, year: number, call: Call, dependencies: BatcherDependencies) {
  const answer = await call('dynamodb', (signal) =>
    dependencies.dynamodb.send(
      new GetItemCommand({ TableName: dependencies.notesTable, Key: marshall(mileageYearKey(employee, year)), ConsistentRead: true }),
      { abortSignal: signal },
    ),
  );
  return answer.Item ? (unmarshall(answer.Item) as MileageYearItem) : undefined;
}

/**
 * The tenant's mileage years with a difference to pay or recover, computed before the cutoff (as
 * notes approved after it, one computed later waits for the next batch): their keys from the
 * index (by year, then employee), each year then read consistently (the index lags the table: a
 * year a batch has just regularised may still be listed), at most one batch's worth of lines.
 */
export async function mileageDuesOf(
  scope: TenantScope,
  cutoff: string,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<MileageYearItem[]> {
  const listed = await queryNotesTable(call, dependencies, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :shard AND begins_with(gsi1sk, :tenant)',
    ExpressionAttributeValues: marshall({
      ':shard': mileageDueShardKey(payableShardOf(scope.tenant)),
      ':tenant': mileageDueTenantPrefix(scope.tenant),
    }),
    ProjectionExpression: 'gsi1sk',
  });
  const keys = listed
    .map((item) => parseMileageDueSortKey(String(item.gsi1sk)))
    .filter((parsed): parsed is NonNullable<typeof parsed> => parsed?.tenant === scope.tenant);
  const dues: MileageYearItem[] = [];
  let lines = 0;
  for (let offset = 0; offset < keys.length; offset += YEARS_READ_AT_ONCE) {
    const read = await Promise.all(
      keys
        .slice(offset, offset + YEARS_READ_AT_ONCE)
        .map((key) => readYear(tenantScope({ tenant: scope.tenant, user: key.owner, roles: [] }), key.year, call, dependencies)),
    );
    for (const item of read) {
      if (item === undefined || item.adjustmentDue === 'none' || item.computedAt >= cutoff) continue;
      if (dues.length > 0 && lines + item.adjustment.lines.length > MAX_MILEAGE_LINES_PER_BATCH) return dues;
      dues.push(item);
      lines += item.adjustment.lines.length;
    }
  }
  return dues;
}

/**
 * Appends a batch's regularisation to an employee's year, once: a year that already holds the
 * batch's id is left as it is (a batch resumed after a crash). Written on the revision just read
 * (`revision = <read>`, + 1), as the calculator writes: when a recomputation moved the year in
 * between, the year is read again and the regularisation taken off its new figures, never lost
 * (the batch pays it whatever happens: the year must count it as paid).
 */
export async function appendRegularisation(
  employee: TenantScope,
  year: number,
  regularisation: MileageRegularisation,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<'appended' | 'already' | 'no_year'> {
  for (let round = 0; round < REGULARISATION_ROUNDS; round += 1) {
    const item = await readYear(employee, year, call, dependencies);
    if (item === undefined) return 'no_year';
    if (item.regularisations.some((one) => one.id === regularisation.id)) return 'already';
    try {
      await call('dynamodb', (signal) =>
        dependencies.dynamodb.send(
          new PutItemCommand({
            TableName: dependencies.notesTable,
            Item: marshall(withRegularisation(item, regularisation), { removeUndefinedValues: true }),
            ConditionExpression: 'revision = :revision',
            ExpressionAttributeValues: marshall({ ':revision': item.revision }),
          }),
          { abortSignal: signal },
        ),
      );
      return 'appended';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new TransientError(`The mileage year ${year} of ${employee.user} kept changing while a batch regularised it.`);
}
