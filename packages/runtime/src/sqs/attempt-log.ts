import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { attemptsPartition } from './attempt-keys.js';
import type { AttemptFailure } from '../quarantine/quarantine-entry.js';

export interface AttemptHistory {
  readonly failures: AttemptFailure[];
  readonly firstReceivedAt: string | undefined;
}

const KEEP_SECONDS = 14 * 24 * 3600;

/**
 * The error history of a message across attempts, which may run in different processes:
 * one item per failing message in the runtime table, written only when an attempt fails.
 */
export class AttemptLog {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
    private readonly service: string,
  ) {}

  private key(messageId: string) {
    return marshall({ pk: attemptsPartition(this.service, messageId), sk: 'ATTEMPTS' });
  }

  async record(messageId: string, failure: AttemptFailure, firstReceivedAt: string): Promise<void> {
    await this.dynamodb.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: this.key(messageId),
        UpdateExpression:
          'SET failures = list_append(if_not_exists(failures, :empty), :failure), firstReceivedAt = if_not_exists(firstReceivedAt, :first), expiresAt = :expires',
        ExpressionAttributeValues: marshall({
          ':empty': [],
          ':failure': [failure],
          ':first': firstReceivedAt,
          ':expires': Math.floor(Date.now() / 1000) + KEEP_SECONDS,
        }),
      }),
    );
  }

  async read(messageId: string): Promise<AttemptHistory> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({ TableName: this.tableName, Key: this.key(messageId), ConsistentRead: true }),
    );
    if (!Item) return { failures: [], firstReceivedAt: undefined };
    const item = unmarshall(Item) as { failures?: AttemptFailure[]; firstReceivedAt?: string };
    return { failures: item.failures ?? [], firstReceivedAt: item.firstReceivedAt };
  }
}
