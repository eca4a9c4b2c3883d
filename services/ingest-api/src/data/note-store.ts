import {
  BatchGetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import {
  ITEM_TYPES,
  noteKey,
  notePartition,
  ownerListing,
  receiptKey,
  tenantScope,
  type HistoryItem,
  type NoteItem,
  type NoteStatus,
  type ReceiptItem,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import { tableWriteProbe, type HealthProbe } from '@ndf/http-api';
import { conditionFailed, refusedItems, toItem, toRecord, writtenBy, type Item } from './dynamo-items.js';
import type { Change } from './note-items.js';
import { ReceiptStore } from './receipt-store.js';
import { retryOnConflict } from './transaction-retry.js';

// The data-access layer of the ingest path. Every key comes from notes-table-keys (in
// @ndf/contracts), whose functions all take the caller's TenantScope: see the key design there.

export type CreateOutcome =
  | { readonly created: true; readonly note: NoteItem }
  | { readonly created: false; readonly existing: NoteItem }
  /** Receipts the note lists that another note lists already, or that are gone. */
  | { readonly created: false; readonly attachedElsewhere: readonly string[]; readonly missing: readonly string[] };

export type ChangeOutcome =
  { readonly changed: true; readonly note: NoteItem } | { readonly changed: false; readonly current: NoteItem | undefined };

export interface NotePartition {
  readonly note: NoteItem | undefined;
  readonly receipts: readonly ReceiptItem[];
  readonly stages: readonly StageItem[];
  /** The note's transitions, oldest first (the Query's sort-key order). */
  readonly history: readonly HistoryItem[];
}

export interface ListQuery {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly status?: string | undefined;
  readonly limit: number;
  /** The listing sort key of the last note of the previous page. */
  readonly after?: string | undefined;
}

export interface NoteChange {
  /** Attributes to set (undefined values are skipped). */
  readonly set: Readonly<Record<string, unknown>>;
  readonly remove: readonly string[];
}

const scopeOfNote = (note: NoteItem): TenantScope => tenantScope({ tenant: note.tenant, user: note.owner, roles: [] });

/** A retried write whose first attempt landed finds its own note: created all the same. */
function createdOrExisting(existing: Item, change: Change): CreateOutcome {
  if (writtenBy(existing, change, 'createdAt')) return { created: true, note: existing as unknown as NoteItem };
  return { created: false, existing: existing as unknown as NoteItem };
}

export class NoteStore {
  /** The writes that ask for receipts and bind them to their note. */
  readonly receipts: ReceiptStore;
  private readonly writeProbe: HealthProbe;

  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.receipts = new ReceiptStore(dynamodb, tableName);
    this.writeProbe = tableWriteProbe(dynamodb, tableName);
  }

  /**
   * Creates the note, or answers the note that already holds its id. The receipts it lists are
   * attached to it in the same transaction, each only if no other note has it: one receipt
   * justifies one note.
   */
  async createNote(note: NoteItem, change: Change, signal: AbortSignal): Promise<CreateOutcome> {
    const put = {
      TableName: this.tableName,
      Item: toRecord(note),
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    if (note.receiptIds.length === 0) {
      try {
        await this.dynamodb.send(new PutItemCommand(put), { abortSignal: signal });
        return { created: true, note };
      } catch (error) {
        const failed = conditionFailed(error);
        if (!failed?.item) throw error;
        return createdOrExisting(failed.item, change);
      }
    }
    const scope = scopeOfNote(note);
    const attach = note.receiptIds.map((receiptId): TransactWriteItem => ({
      Update: {
        TableName: this.tableName,
        Key: toRecord(receiptKey(scope, receiptId)),
        UpdateExpression: 'SET attachedTo = :note',
        ConditionExpression: 'attribute_exists(pk) AND uploader = :user AND (attribute_not_exists(attachedTo) OR attachedTo = :note)',
        ExpressionAttributeValues: toRecord({ ':note': note.noteId, ':user': note.owner }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    }));
    // A second round only after freeing receipts still held by a deleted note (its release failed).
    for (let round = 1; ; round += 1) {
      try {
        await retryOnConflict(
          () => this.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: put }, ...attach] }), { abortSignal: signal }),
          signal,
        );
        return { created: true, note };
      } catch (error) {
        const refused = refusedItems(error);
        if (!refused) throw error;
        const existing = refused.get(0);
        if (existing) return createdOrExisting(existing, change);
        const held = new Map<string, string>();
        const missing: string[] = [];
        for (const [index, receipt] of refused) {
          const receiptId = note.receiptIds[index - 1]!;
          if (receipt && receipt.uploader === note.owner) held.set(receiptId, String(receipt.attachedTo));
          else missing.push(receiptId);
        }
        if (round === 1 && missing.length === 0 && (await this.receipts.freeFromDeletedNotes(scope, held, signal))) continue;
        return { created: false, attachedElsewhere: [...held.keys()], missing };
      }
    }
  }

  /** The note, its receipts, stages and history: one Query on the note's partition. */
  async readNote(scope: TenantScope, noteId: string, signal: AbortSignal): Promise<NotePartition> {
    const items = await this.queryPartition(notePartition(scope, noteId), signal);
    const note = items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined;
    return {
      note,
      receipts: items.filter((item) => item.type === ITEM_TYPES.receipt) as unknown as ReceiptItem[],
      stages: items.filter((item) => item.type === ITEM_TYPES.stage) as unknown as StageItem[],
      history: items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[],
    };
  }

  /** Receipts uploaded before their note, each in its own partition with its stages. */
  async readLooseReceipts(
    scope: TenantScope,
    receiptIds: readonly string[],
    signal: AbortSignal,
  ): Promise<{ receipts: ReceiptItem[]; stages: StageItem[] }> {
    const partitions = await Promise.all(receiptIds.map((receiptId) => this.queryPartition(receiptKey(scope, receiptId).pk, signal)));
    const items = partitions.flat();
    return {
      receipts: items.filter((item) => item.type === ITEM_TYPES.receipt && item.uploader === scope.user) as unknown as ReceiptItem[],
      stages: items.filter((item) => item.type === ITEM_TYPES.stage) as unknown as StageItem[],
    };
  }

  /** Of these receipt ids, those that name no receipt the caller asked for without a note. */
  async unknownLooseReceipts(scope: TenantScope, receiptIds: readonly string[], signal: AbortSignal): Promise<string[]> {
    if (receiptIds.length === 0) return [];
    const keys = receiptIds.map((receiptId) => toRecord(receiptKey(scope, receiptId)));
    const found = new Set<string>();
    let pending: Record<string, AttributeValue>[] = keys;
    // BatchGetItem may hand back unprocessed keys under load; ask again for those only.
    for (let round = 0; pending.length > 0 && round < 5; round += 1) {
      const answer = await this.dynamodb.send(
        new BatchGetItemCommand({
          RequestItems: { [this.tableName]: { Keys: pending, ProjectionExpression: 'receiptId, uploader', ConsistentRead: true } },
        }),
        { abortSignal: signal },
      );
      for (const record of answer.Responses?.[this.tableName] ?? []) {
        const item = toItem(record);
        if (item.uploader === scope.user) found.add(String(item.receiptId));
      }
      pending = answer.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    if (pending.length > 0) throw Object.assign(new Error('DynamoDB left receipt lookups unprocessed.'), { name: 'ThrottlingException' });
    return receiptIds.filter((receiptId) => !found.has(receiptId));
  }

  /** One page of the caller's notes from gsi1, newest expense date first. */
  async listNotes(scope: TenantScope, query: ListQuery, signal: AbortSignal): Promise<{ notes: NoteItem[]; more: boolean }> {
    const notes: NoteItem[] = [];
    const upper = `${query.to ?? '9999-12-31'}$`;
    let startKey: Record<string, AttributeValue> | undefined = query.after ? this.listingStartKey(scope, query.after) : undefined;
    // A status filter applies after the read, so a page may need several reads to fill.
    do {
      const answer = await this.dynamodb.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :owner AND gsi1sk BETWEEN :from AND :to',
          ...(query.status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: toRecord({
            ':owner': ownerListing(scope),
            ':from': query.from ?? '0000-00-00',
            ':to': upper,
            ...(query.status ? { ':status': query.status } : {}),
          }),
          ScanIndexForward: false,
          Limit: query.limit + 1 - notes.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
        { abortSignal: signal },
      );
      notes.push(...(answer.Items ?? []).map((record) => toItem(record) as unknown as NoteItem));
      startKey = answer.LastEvaluatedKey;
    } while (startKey && notes.length <= query.limit);
    return { notes: notes.slice(0, query.limit), more: notes.length > query.limit || startKey !== undefined };
  }

  /**
   * Changes the caller's own note if it is in one of `statuses` and still at `expectedVersion`
   * (any version when undefined); bumps the version. A refusal comes back with the note as it is.
   */
  async changeOwnNote(
    scope: TenantScope,
    noteId: string,
    change: NoteChange,
    statuses: readonly NoteStatus[],
    expectedVersion: number | undefined,
    written: Change,
    signal: AbortSignal,
  ): Promise<ChangeOutcome> {
    const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#owner': 'owner' };
    const values: Record<string, unknown> = { ':one': 1, ':owner': scope.user };
    const sets = ['#version = #version + :one'];
    for (const [attribute, value] of Object.entries(change.set)) {
      if (value === undefined) continue;
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      sets.push(`#${attribute} = :${attribute}`);
    }
    for (const attribute of change.remove) names[`#${attribute}`] = attribute;
    const allowed = statuses.map((status, index) => {
      values[`:status${index}`] = status;
      return `:status${index}`;
    });
    let condition = `attribute_exists(pk) AND #owner = :owner AND #status IN (${allowed.join(', ')})`;
    if (expectedVersion !== undefined) {
      values[':expected'] = expectedVersion;
      condition += ' AND #version = :expected';
    }
    const remove = change.remove.length > 0 ? ` REMOVE ${change.remove.map((attribute) => `#${attribute}`).join(', ')}` : '';
    try {
      const answer = await this.dynamodb.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: toRecord(noteKey(scope, noteId)),
          UpdateExpression: `SET ${sets.join(', ')}${remove}`,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: toRecord(values),
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        { abortSignal: signal },
      );
      return { changed: true, note: toItem(answer.Attributes ?? {}) as unknown as NoteItem };
    } catch (error) {
      const failed = conditionFailed(error);
      if (!failed) throw error;
      // A retried write whose first attempt landed finds the note as it made it.
      if (writtenBy(failed.item, written, 'updatedAt')) return { changed: true, note: failed.item as unknown as NoteItem };
      return { changed: false, current: failed.item as unknown as NoteItem | undefined };
    }
  }

  /** Proves the write path without writing (see @ndf/http-api's tableWriteProbe). */
  probeWrite(signal: AbortSignal): Promise<unknown> {
    return this.writeProbe(signal);
  }

  private listingStartKey(scope: TenantScope, sortKey: string): Record<string, AttributeValue> {
    const noteId = sortKey.slice(sortKey.lastIndexOf('#') + 1);
    return toRecord({ ...noteKey(scope, noteId), gsi1pk: ownerListing(scope), gsi1sk: sortKey });
  }

  private async queryPartition(pk: string, signal: AbortSignal): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const answer = await this.dynamodb.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: toRecord({ ':pk': pk }),
          ConsistentRead: true,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
        { abortSignal: signal },
      );
      items.push(...(answer.Items ?? []).map(toItem));
      startKey = answer.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
