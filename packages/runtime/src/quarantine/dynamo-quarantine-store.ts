import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, SendMessageCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { TransientError } from '../errors.js';
import { decodeCursor, encodeCursor } from './list-cursor.js';
import type { QuarantineEntry, QuarantineSink } from './quarantine-entry.js';
import { QuarantineNotFoundError, QuarantineStateError } from './quarantine-errors.js';
import { QuarantineAudit, requireOperator } from './quarantine-audit.js';
import { recordItem, storedRecord, SUMMARY_ATTRIBUTES, toRecord, toSummary, type StoredRecord } from './quarantine-item.js';
import { ALL_SERVICES_PARTITION, guardKey, payloadObjectKey, servicePartition } from './quarantine-keys.js';
import type {
  AuditEvent,
  DiscardOptions,
  QuarantinePage,
  QuarantineListOptions,
  QuarantineRecord,
  ReplayOptions,
  ReplayResult,
} from './quarantine-record.js';

export interface DynamoQuarantineStoreOptions {
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  /** Physical name of the catalog's `runtime` table. */
  readonly tableName: string;
  /** Physical name of the catalog's `quarantine` bucket. */
  readonly bucketName: string;
  readonly clock?: () => Date;
  /** Payloads larger than this go to S3 (default 100 KB; a DynamoDB item holds 400 KB in all). */
  readonly inlinePayloadLimitBytes?: number;
}

/** How long a replay holds the record before another caller may take it over. */
const REPLAY_CLAIM_MS = 60_000;
const REPLAY_OF_ATTRIBUTE = 'ndf-replay-of';
/** An action may change a record that waits, or whose replay was abandoned by a crashed caller. */
const ACTIONABLE = '#status = :quarantined OR (#status = :replaying AND replayClaimUntil < :now)';

const text = (value: string): AttributeValue => ({ S: value });

/**
 * Quarantined messages in the runtime table (payloads over the inline limit in the
 * quarantine bucket), listed by service or across services, newest first, and replayed or
 * discarded by an operator only, each action written to the append-only audit.
 */
export class DynamoQuarantineStore implements QuarantineSink {
  readonly #dynamodb: DynamoDBClient;
  readonly #s3: S3Client;
  readonly #sqs: SQSClient;
  readonly #table: string;
  readonly #bucket: string;
  readonly #clock: () => Date;
  readonly #inlineLimit: number;
  readonly #audit: QuarantineAudit;

  constructor(options: DynamoQuarantineStoreOptions) {
    this.#dynamodb = options.dynamodb;
    this.#s3 = options.s3;
    this.#sqs = options.sqs;
    this.#table = options.tableName;
    this.#bucket = options.bucketName;
    this.#clock = options.clock ?? (() => new Date());
    this.#inlineLimit = options.inlinePayloadLimitBytes ?? 100 * 1024;
    this.#audit = new QuarantineAudit(options.dynamodb, options.tableName);
  }

  /** Records the message once per (service, originalId); a repeat changes nothing. */
  async quarantine(entry: QuarantineEntry, signal?: AbortSignal): Promise<void> {
    const id = entry.originalId;
    if (!id) throw new Error('a quarantined message needs its original id');
    const quarantinedAt = this.#clock().toISOString();
    let payload: { inline: string } | { bucket: string; key: string } = { inline: entry.payload };
    if (Buffer.byteLength(entry.payload, 'utf8') > this.#inlineLimit) {
      // Written before the record, so that no record points at a missing object; a repeat
      // writes the same payload under the same key.
      payload = { bucket: this.#bucket, key: payloadObjectKey(entry.service, id) };
      await this.#s3.send(new PutObjectCommand({ Bucket: payload.bucket, Key: payload.key, Body: entry.payload }), { abortSignal: signal });
    }
    const item = recordItem(entry, quarantinedAt, payload);
    const guard = marshall({ ...guardKey(entry.service, id), recordSk: item.sk!.S!, quarantinedAt });

    for (let attempt = 1; ; attempt++) {
      try {
        await this.#dynamodb.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: this.#table, Item: guard, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: this.#table, Item: item } },
            ],
          }),
          { abortSignal: signal },
        );
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return;
        // Two quarantines of one message at once conflict; the retry finds the winner's guard.
        if (attempt >= 5 || !reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
        await sleep(25 * attempt, undefined, { signal });
      }
    }
  }

  /** Newest first, by service or across services, from `since` on. */
  async list(options: QuarantineListOptions = {}): Promise<QuarantinePage> {
    const { service } = options;
    const scope = service === undefined ? '*' : `service:${service}`;
    const names: Record<string, string> = { '#pk': service === undefined ? 'gsi1pk' : 'pk' };
    const values: Record<string, AttributeValue> = {
      ':pk': text(service === undefined ? ALL_SERVICES_PARTITION : servicePartition(service)),
    };
    let condition = '#pk = :pk';
    if (options.since) {
      condition += ' AND #sk >= :since';
      names['#sk'] = service === undefined ? 'gsi1sk' : 'sk';
      values[':since'] = text(options.since.toISOString());
    }
    SUMMARY_ATTRIBUTES.forEach((attribute, index) => (names[`#a${index}`] = attribute));

    const page = await this.#dynamodb.send(
      new QueryCommand({
        TableName: this.#table,
        IndexName: service === undefined ? 'gsi1' : undefined,
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ProjectionExpression: SUMMARY_ATTRIBUTES.map((_, index) => `#a${index}`).join(', '),
        ScanIndexForward: false,
        Limit: Math.max(1, Math.min(options.limit ?? 50, 1_000)),
        ExclusiveStartKey: options.cursor === undefined ? undefined : decodeCursor(scope, options.cursor),
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => toSummary(storedRecord(item))),
      ...(page.LastEvaluatedKey ? { cursor: encodeCursor(scope, page.LastEvaluatedKey) } : {}),
    };
  }

  /** The record with its whole payload and its audit, or undefined when there is none. */
  async show(service: string, id: string): Promise<QuarantineRecord | undefined> {
    const found = await this.#find(service, id);
    if (!found) return undefined;
    const [payload, audit] = await Promise.all([this.#payloadOf(found.record), this.#audit.read(service, id)]);
    return toRecord(found.record, payload, audit);
  }

  /**
   * Sends the payload as a new message (its receive count starts over) to its source queue,
   * or to `queueName` (required for stream sources). A second replay sends nothing and
   * answers with the first one's message. Refused to anyone but an operator.
   */
  async replay(service: string, id: string, options: ReplayOptions): Promise<ReplayResult> {
    const operator = requireOperator(options.operator, 'a replay');
    const found = await this.#find(service, id);
    if (!found) throw new QuarantineNotFoundError(service, id);
    const { key, record } = found;
    const queueName = options.queueName ?? (record.source.kind === 'sqs' ? record.source.queueName : undefined);
    if (!queueName) throw new QuarantineStateError(`${service}/${id} came from a stream: name the queue to replay it onto`);

    const token = randomUUID();
    const now = this.#clock().getTime();
    try {
      await this.#dynamodb.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: key,
          UpdateExpression: 'SET #status = :replaying, replayToken = :token, replayClaimUntil = :until',
          ConditionExpression: ACTIONABLE,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...statusValues('quarantined', 'replaying'),
            ':token': text(token),
            ':until': { N: String(now + REPLAY_CLAIM_MS) },
            ':now': { N: String(now) },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ? storedRecord(error.Item) : record;
      const earlier = current.lastAction;
      if (current.status === 'replayed' && earlier?.action === 'replay') {
        await this.#audit.ensure(service, id, earlier);
        return { sent: false, queueName: earlier.queueName!, messageId: earlier.messageId! };
      }
      if (current.status === 'discarded') throw new QuarantineStateError(`${service}/${id} was discarded`);
      throw new TransientError(`${service}/${id} is being replayed by another caller`);
    }

    let messageId: string;
    try {
      const { QueueUrl } = await this.#sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
      const sent = await this.#sqs.send(
        new SendMessageCommand({ QueueUrl, MessageBody: await this.#payloadOf(record), MessageAttributes: replayAttributes(record, id) }),
      );
      messageId = sent.MessageId!;
    } catch (error) {
      await this.#dynamodb
        .send(
          new UpdateItemCommand({
            TableName: this.#table,
            Key: key,
            UpdateExpression: 'SET #status = :quarantined REMOVE replayToken, replayClaimUntil',
            ConditionExpression: 'replayToken = :token',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ...statusValues('quarantined'), ':token': text(token) },
          }),
        )
        .catch(() => undefined); // the claim lapses by itself
      throw error;
    }

    const event: AuditEvent = {
      action: 'replay',
      actor: operator.id,
      at: this.#clock().toISOString(),
      queueName,
      messageId,
      ...(options.reason ? { reason: options.reason } : {}),
    };
    // Not conditional: the message is out, so the record must say so even if our claim lapsed.
    await this.#dynamodb.send(
      new UpdateItemCommand({
        TableName: this.#table,
        Key: key,
        UpdateExpression: 'SET #status = :replayed, lastAction = :event REMOVE replayToken, replayClaimUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...statusValues('replayed'), ':event': eventValue(event) },
      }),
    );
    // ensure, not append: a concurrent call that found the record done may have written this very entry first.
    await this.#audit.ensure(service, id, event);
    return { sent: true, queueName, messageId };
  }

  /** Marks the record discarded, with who and why; discarding it again changes nothing. Refused to anyone but an operator. */
  async discard(service: string, id: string, options: DiscardOptions): Promise<void> {
    const operator = requireOperator(options.operator, 'a discard');
    requireText(options.reason, 'a discard needs a reason');
    const found = await this.#find(service, id);
    if (!found) throw new QuarantineNotFoundError(service, id);
    const now = this.#clock();
    const event: AuditEvent = { action: 'discard', actor: operator.id, at: now.toISOString(), reason: options.reason };
    try {
      await this.#dynamodb.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: found.key,
          UpdateExpression: 'SET #status = :discarded, lastAction = :event',
          ConditionExpression: ACTIONABLE,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...statusValues('quarantined', 'replaying', 'discarded'),
            ':event': eventValue(event),
            ':now': { N: String(now.getTime()) },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = error.Item ? storedRecord(error.Item) : found.record;
      if (current.status === 'discarded') {
        if (current.lastAction?.action === 'discard') await this.#audit.ensure(service, id, current.lastAction);
        return;
      }
      if (current.status === 'replayed') throw new QuarantineStateError(`${service}/${id} was already replayed`);
      throw new TransientError(`${service}/${id} is being replayed`);
    }
    // ensure, not append: a concurrent call that found the record done may have written this very entry first.
    await this.#audit.ensure(service, id, event);
  }

  async #find(service: string, id: string): Promise<{ key: Record<string, AttributeValue>; record: StoredRecord } | undefined> {
    const guard = await this.#dynamodb.send(
      new GetItemCommand({ TableName: this.#table, Key: marshall(guardKey(service, id)), ConsistentRead: true }),
    );
    const recordSk = guard.Item?.recordSk?.S;
    if (recordSk === undefined) return undefined;
    const key = { pk: text(servicePartition(service)), sk: text(recordSk) };
    const { Item } = await this.#dynamodb.send(new GetItemCommand({ TableName: this.#table, Key: key, ConsistentRead: true }));
    return Item ? { key, record: storedRecord(Item) } : undefined;
  }

  async #payloadOf(record: StoredRecord): Promise<string> {
    if (record.payload !== undefined) return record.payload;
    if (!record.payloadObject) throw new Error(`${record.service}/${record.id} has no payload`);
    const object = await this.#s3.send(new GetObjectCommand({ Bucket: record.payloadObject.bucket, Key: record.payloadObject.key }));
    return (await object.Body?.transformToString('utf-8')) ?? '';
  }
}

function requireText(value: string | undefined, message: string): void {
  if (!value?.trim()) throw new Error(message);
}

function statusValues(...statuses: string[]): Record<string, AttributeValue> {
  return Object.fromEntries(statuses.map((status) => [`:${status}`, text(status)]));
}

function eventValue(event: AuditEvent): AttributeValue {
  return { M: marshall(event, { removeUndefinedValues: true }) };
}

/** SQS refuses empty attribute values; the replay marker replaces any earlier one. */
function replayAttributes(record: StoredRecord, id: string): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(record.attributes)) {
    if (value !== '') attributes[name] = { DataType: 'String', StringValue: value };
  }
  attributes[REPLAY_OF_ATTRIBUTE] = { DataType: 'String', StringValue: id };
  return attributes;
}
