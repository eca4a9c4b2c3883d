import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { effectPartition } from './effect-keys.js';
import { TransientError } from '../errors.js';

export interface OnceOptions {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the catalog's `runtime` table. */
  readonly tableName: string;
  readonly service: string;
  readonly clock?: () => Date;
  readonly log?: (event: Record<string, unknown>) => void;
}

/**
 * Runs `effect` at most once per effect key and returns its result, then the stored result
 * to every later call. `claimUntil` is how long the caller may hold the key (the message's
 * visibility deadline): past it, another caller may take the key over and run the effect.
 * Throws a TransientError while another caller holds the key.
 */
export type Once = <T>(effectKey: string, claimUntil: Date, effect: () => Promise<T>) => Promise<T>;

/** Kept for a month after the claim, for redeliveries; cloud TTL removes it afterwards. */
const RETENTION_SECONDS = 30 * 24 * 60 * 60;

export function createOnce(options: OnceOptions): Once {
  const { dynamodb, tableName, service } = options;
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => undefined);

  return async function once<T>(effectKey: string, claimUntil: Date, effect: () => Promise<T>): Promise<T> {
    const key: Record<string, AttributeValue> = { pk: { S: effectPartition(service, effectKey) }, sk: { S: 'EFFECT' } };
    const token = randomUUID();
    const now = clock();

    try {
      await dynamodb.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...key,
            state: { S: 'claimed' },
            claimToken: { S: token },
            claimedAt: { S: now.toISOString() },
            claimedUntil: { N: String(claimUntil.getTime()) },
            expiresAt: { N: String(Math.floor(now.getTime() / 1000) + RETENTION_SECONDS) },
          },
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :claimed AND claimedUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':claimed': { S: 'claimed' }, ':now': { N: String(now.getTime()) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current =
        error.Item ?? (await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
      if (current?.state?.S === 'done') return storedResult<T>(current);
      throw new TransientError(`effect ${effectKey} of ${service} is claimed by another worker`);
    }

    let result: T;
    try {
      result = await effect();
    } catch (error) {
      await dynamodb
        .send(
          new DeleteItemCommand({
            TableName: tableName,
            Key: key,
            ConditionExpression: 'claimToken = :token',
            ExpressionAttributeValues: { ':token': { S: token } },
          }),
        )
        // Not ours any more, or unreachable: either way the claim lapses at claimUntil.
        .catch(() => undefined);
      throw error;
    }

    const json = result === undefined ? undefined : JSON.stringify(result);
    try {
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET #state = :done, doneAt = :doneAt${json === undefined ? '' : ', #result = :result'} REMOVE claimedUntil, claimToken`,
          ConditionExpression: 'claimToken = :token',
          ExpressionAttributeNames: { '#state': 'state', ...(json === undefined ? {} : { '#result': 'result' }) },
          ExpressionAttributeValues: {
            ':done': { S: 'done' },
            ':doneAt': { S: clock().toISOString() },
            ':token': { S: token },
            ...(json === undefined ? {} : { ':result': { S: json } }),
          },
        }),
      );
    } catch (error) {
      // The effect has happened, so its result is returned either way: failing here would
      // only get the message retried and the effect run again once the claim lapses.
      log({
        event: 'effect-result-not-stored',
        service,
        effectKey,
        error:
          error instanceof ConditionalCheckFailedException
            ? 'the claim lapsed and was taken over'
            : error instanceof Error
              ? error.message
              : String(error),
      });
    }
    return result;
  };
}

function storedResult<T>(item: Record<string, AttributeValue>): T {
  const json = item.result?.S;
  return (json === undefined ? undefined : JSON.parse(json)) as T;
}
