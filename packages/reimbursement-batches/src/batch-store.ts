import {
  ConditionalCheckFailedException,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  advanceKey,
  advancesPartition,
  batchControlKey,
  batchKey,
  ITEM_TYPES,
  OPEN_BATCHES_PARTITION,
  reimbursementRequestKey,
  type AdvanceItem,
  type TenantScope,
} from '@ndf/contracts';
import type { BatchItem, BatchStatus } from './batch-item.js';
import type { BatcherDependencies, Call } from './dependencies.js';
import { queryNotesTable } from './query-pages.js';

const record = (value: Record<string, unknown>) => marshall(value, { removeUndefinedValues: true });

/** The request (an accountant's Idempotency-Key) that asked for a batch: a replay answers the batch it made. */
export interface BatchRequest {
  readonly scope: TenantScope;
  readonly idempotencyKey: string;
}

/** The item that ties a request's Idempotency-Key to the batch it made. */
export function batchRequestItem(request: BatchRequest, batchId: string, at: Date): Record<string, unknown> {
  return {
    ...reimbursementRequestKey(request.scope, 'batch', request.idempotencyKey),
    type: ITEM_TYPES.reimbursementRequest,
    batchId,
    user: request.scope.user,
    at: at.toISOString(),
  };
}

/** The tenant's batch control: the batch open, if one is, and how many batches were made. */
export async function readControl(
  scope: TenantScope,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<{ openBatchId?: string; batches: number }> {
  const answer = await call('dynamodb', (signal) =>
    dependencies.dynamodb.send(
      new GetItemCommand({ TableName: dependencies.notesTable, Key: record({ ...batchControlKey(scope) }), ConsistentRead: true }),
      { abortSignal: signal },
    ),
  );
  const item = answer.Item ? unmarshall(answer.Item) : {};
  return { ...(typeof item.openBatchId === 'string' ? { openBatchId: item.openBatchId } : {}), batches: Number(item.batches ?? 0) };
}

export async function readBatch(
  scope: TenantScope,
  batchId: string,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<BatchItem | undefined> {
  const answer = await call('dynamodb', (signal) =>
    dependencies.dynamodb.send(
      new GetItemCommand({ TableName: dependencies.notesTable, Key: record({ ...batchKey(scope, batchId) }), ConsistentRead: true }),
      { abortSignal: signal },
    ),
  );
  return answer.Item ? (unmarshall(answer.Item) as BatchItem) : undefined;
}

/** The tenant's advances still to deduct. */
export async function openAdvances(scope: TenantScope, call: Call, dependencies: BatcherDependencies): Promise<AdvanceItem[]> {
  const items = await queryNotesTable(call, dependencies, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: marshall({ ':pk': advancesPartition(scope) }),
    ConsistentRead: true,
  });
  return items as unknown as AdvanceItem[];
}

/**
 * Writes the batch and makes it the tenant's open one, in one transaction: only if no batch is
 * open and none was made since the count read. False when another write got there first.
 */
export async function createBatch(
  batch: BatchItem,
  batchesRead: number,
  scope: TenantScope,
  call: Call,
  dependencies: BatcherDependencies,
  request?: BatchRequest,
): Promise<boolean> {
  try {
    await call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: dependencies.notesTable, Item: record({ ...batch }), ConditionExpression: 'attribute_not_exists(pk)' } },
            // With the batch, in the same transaction: a request cut off right after (its Lambda's deadline, a crash) still finds it on replay.
            ...(request === undefined
              ? []
              : [
                  {
                    Put: { TableName: dependencies.notesTable, Item: record(batchRequestItem(request, batch.batchId, dependencies.now())) },
                  },
                ]),
            {
              Update: {
                TableName: dependencies.notesTable,
                Key: record({ ...batchControlKey(scope) }),
                UpdateExpression: 'SET #type = :type, tenant = :tenant, openBatchId = :id, batches = :next',
                ConditionExpression: 'attribute_not_exists(openBatchId) AND (attribute_not_exists(batches) OR batches = :read)',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: record({
                  ':type': ITEM_TYPES.batchControl,
                  ':tenant': scope.tenant,
                  ':id': batch.batchId,
                  ':next': batchesRead + 1,
                  ':read': batchesRead,
                }),
              },
            },
          ],
        }),
        { abortSignal: signal },
      ),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/** Takes the batch's part of an advance, once: a batch already recorded on it is not taken again. */
export async function takeAdvance(
  scope: TenantScope,
  batchId: string,
  employee: string,
  taken: BatchItem['lines'][number]['advances'][number],
  call: Call,
  dependencies: BatcherDependencies,
): Promise<void> {
  try {
    await call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new UpdateItemCommand({
          TableName: dependencies.notesTable,
          Key: record({ ...advanceKey(scope, employee, taken.advanceId) }),
          UpdateExpression:
            'SET remaining = :after, deductions = list_append(deductions, :deduction), takenBy = list_append(takenBy, :batch)',
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(takenBy, :batchId)',
          ExpressionAttributeValues: record({
            ':after': taken.remainingAfter,
            ':deduction': [{ batchId, amount: taken.amount }],
            ':batch': [batchId],
            ':batchId': batchId,
          }),
        }),
        { abortSignal: signal },
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Moves the batch on from one status to the next, with what the step set; false when it had moved on already. */
export async function advanceBatch(
  batch: BatchItem,
  from: BatchStatus,
  to: BatchStatus,
  fields: Record<string, unknown>,
  call: Call,
  dependencies: BatcherDependencies,
  options: { close?: { scope: TenantScope } } = {},
): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from, ':to': to };
  const sets = ['#status = :to'];
  for (const [name, value] of Object.entries(fields)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  const update = {
    TableName: dependencies.notesTable,
    Key: record({ pk: batch.pk, sk: batch.sk }),
    UpdateExpression: `SET ${sets.join(', ')}${options.close ? ' REMOVE gsi1pk, gsi1sk' : ''}`,
    ConditionExpression: '#status = :from',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: record(values),
  };
  try {
    if (!options.close) {
      await call('dynamodb', (signal) => dependencies.dynamodb.send(new UpdateItemCommand(update), { abortSignal: signal }));
      return true;
    }
    // Closing also frees the tenant for its next batch.
    const control = {
      TableName: dependencies.notesTable,
      Key: record({ ...batchControlKey(options.close.scope) }),
      UpdateExpression: 'REMOVE openBatchId',
      ConditionExpression: 'openBatchId = :id',
      ExpressionAttributeValues: record({ ':id': batch.batchId }),
    };
    await call('dynamodb', (signal) =>
      dependencies.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Update: update }, { Update: control }] }), {
        abortSignal: signal,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/** Batches not closed yet, across tenants (gsi1, a sparse partition): a tick finishes them first. */
export async function openBatches(call: Call, dependencies: BatcherDependencies): Promise<{ tenant: string; batchId: string }[]> {
  const page = await call('dynamodb', (signal) =>
    dependencies.dynamodb.send(
      new QueryCommand({
        TableName: dependencies.notesTable,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :open',
        ExpressionAttributeValues: marshall({ ':open': OPEN_BATCHES_PARTITION }),
        Limit: 100,
      }),
      { abortSignal: signal },
    ),
  );
  return (page.Items ?? []).map((raw) => {
    const item = unmarshall(raw);
    return { tenant: String(item.tenant), batchId: String(item.batchId) };
  });
}
