import {
  ConditionalCheckFailedException,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** What the runtime table keeps of one shard for one consumer. */
export interface ShardCheckpoint {
  readonly shardId: string;
  /** The last record handled or quarantined; reading resumes after it. */
  readonly sequenceNumber?: string | undefined;
  /** The shard is closed and was read to its end: its children may be read. */
  readonly finished: boolean;
  readonly owner?: string | undefined;
  /** Epoch milliseconds after which another consumer may take the shard over. */
  readonly leaseExpiresAt: number;
}

/** Another consumer holds the shard now: whatever this one has in hand must not be checkpointed. */
export class LeaseLostError extends Error {
  override readonly name: string = 'LeaseLostError';
}

export interface CheckpointTableOptions {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the catalog's `runtime` table. */
  readonly tableName: string;
  readonly consumerName: string;
  readonly streamArn: string;
  /** This consumer instance, as written in the leases it holds. */
  readonly owner: string;
  readonly leaseDurationMs: number;
  readonly now?: () => number;
}

/** Checkpoints outlive a stopped consumer by longer than a stream keeps its records (24 h). */
const RETENTION_SECONDS = 2 * 24 * 3600;

const text = (value: string): AttributeValue => ({ S: value });
const numeric = (value: number): AttributeValue => ({ N: String(value) });

export const checkpointPartition = (consumerName: string, streamArn: string): string => `STREAM#${consumerName}#${streamArn}`;
export const checkpointSortKey = (shardId: string): string => `SHARD#${shardId}`;

/**
 * One item per (consumer, stream, shard) in the runtime table: its checkpoint and its
 * lease. Every write but taking the lease requires this instance to be the owner, so that
 * of two consumers of the same name only the lease holder advances a shard.
 */
export class CheckpointTable {
  readonly #options: CheckpointTableOptions;
  readonly #now: () => number;

  constructor(options: CheckpointTableOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get owner(): string {
    return this.#options.owner;
  }

  get leaseDurationMs(): number {
    return this.#options.leaseDurationMs;
  }

  /** Every shard of the stream this consumer has a checkpoint for. */
  async list(signal?: AbortSignal): Promise<Map<string, ShardCheckpoint>> {
    const states = new Map<string, ShardCheckpoint>();
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.#options.dynamodb.send(
        new QueryCommand({
          TableName: this.#options.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': text(checkpointPartition(this.#options.consumerName, this.#options.streamArn)) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
        { abortSignal: signal },
      );
      for (const item of page.Items ?? []) {
        const state = toCheckpoint(unmarshall(item));
        states.set(state.shardId, state);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return states;
  }

  /** Takes the shard's lease if it is free, expired or already ours; undefined if another consumer holds it. */
  async acquire(shardId: string): Promise<ShardCheckpoint | undefined> {
    try {
      const { Attributes } = await this.#update(shardId, {
        set: 'shardId = :shardId, #owner = :owner, leaseExpiresAt = :until, updatedAt = :at, expiresAt = :ttl',
        condition: 'attribute_not_exists(pk) OR attribute_not_exists(#owner) OR #owner = :owner OR leaseExpiresAt < :now',
        values: { ':shardId': text(shardId), ':now': numeric(this.#now()) },
      });
      return toCheckpoint(unmarshall(Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Extends the lease; throws LeaseLostError if another consumer took it over. */
  async renew(shardId: string): Promise<void> {
    await this.#owned(shardId, 'leaseExpiresAt = :until, updatedAt = :at, expiresAt = :ttl', {});
  }

  /** Records that reading resumes after `sequenceNumber`, and extends the lease. */
  async checkpoint(shardId: string, sequenceNumber: string): Promise<void> {
    await this.#owned(shardId, 'sequenceNumber = :sequence, leaseExpiresAt = :until, updatedAt = :at, expiresAt = :ttl', {
      ':sequence': text(sequenceNumber),
    });
  }

  /** Marks the closed shard as read to its end and gives up its lease. */
  async finish(shardId: string): Promise<void> {
    await this.#owned(shardId, 'finished = :true, updatedAt = :at, expiresAt = :ttl REMOVE #owner, leaseExpiresAt', {
      ':true': { BOOL: true },
    });
  }

  /** Gives up the lease, so that another consumer (or this one restarted) may take it at once. */
  async release(shardId: string): Promise<void> {
    await this.#owned(shardId, 'updatedAt = :at, expiresAt = :ttl REMOVE #owner, leaseExpiresAt', {});
  }

  async #owned(shardId: string, set: string, values: Record<string, AttributeValue>): Promise<void> {
    try {
      await this.#update(shardId, { set, condition: '#owner = :owner', values });
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new LeaseLostError(`the lease of shard ${shardId} is held by another consumer`);
      throw error;
    }
  }

  #update(shardId: string, update: { set: string; condition: string; values: Record<string, AttributeValue> }) {
    const now = this.#now();
    const candidates: Record<string, AttributeValue> = {
      ':owner': text(this.#options.owner),
      ':until': numeric(now + this.#options.leaseDurationMs),
      ':at': text(new Date(now).toISOString()),
      ':ttl': numeric(Math.floor(now / 1000) + RETENTION_SECONDS),
      ...update.values,
    };
    const expressions = `SET ${update.set} ${update.condition}`;
    // DynamoDB rejects values that no expression uses.
    const values = Object.fromEntries(Object.entries(candidates).filter(([name]) => new RegExp(`${name}\\b`).test(expressions)));
    return this.#options.dynamodb.send(
      new UpdateItemCommand({
        TableName: this.#options.tableName,
        Key: {
          pk: text(checkpointPartition(this.#options.consumerName, this.#options.streamArn)),
          sk: text(checkpointSortKey(shardId)),
        },
        UpdateExpression: `SET ${update.set}`,
        ConditionExpression: update.condition,
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
  }
}

function toCheckpoint(item: Record<string, unknown>): ShardCheckpoint {
  return {
    shardId: String(item.shardId),
    sequenceNumber: typeof item.sequenceNumber === 'string' ? item.sequenceNumber : undefined,
    finished: item.finished === true,
    owner: typeof item.owner === 'string' ? item.owner : undefined,
    leaseExpiresAt: typeof item.leaseExpiresAt === 'number' ? item.leaseExpiresAt : 0,
  };
}
