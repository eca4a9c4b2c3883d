import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { tableName, type TableEntry } from '@ndf/catalog';
import type { ProvisionLog } from './provision-log.js';

async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

export async function provisionTable(client: DynamoDBClient, prefix: string, table: TableEntry, log: ProvisionLog): Promise<void> {
  const name = tableName(prefix, table.name);
  if (await tableExists(client, name)) {
    log.unchanged(`table ${name}`);
  } else {
    const keyAttributes = new Set([
      table.partitionKey,
      table.sortKey,
      ...table.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ]);
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keyAttributes].map((attribute) => ({ AttributeName: attribute, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes:
          table.globalIndexes.length > 0
            ? table.globalIndexes.map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey, KeyType: 'HASH' },
                  { AttributeName: index.sortKey, KeyType: 'RANGE' },
                ],
                Projection: { ProjectionType: 'ALL' },
              }))
            : undefined,
        StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
      }),
    );
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: name });
    log.created(`table ${name}`);
  }
  if (table.ttlAttribute) await provisionTimeToLive(client, name, table.ttlAttribute, log);
}

async function provisionTimeToLive(client: DynamoDBClient, name: string, attribute: string, log: ProvisionLog): Promise<void> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  const description = current.TimeToLiveDescription;
  if (description?.TimeToLiveStatus === 'ENABLED' && description.AttributeName === attribute) return;
  await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } }));
  log.updated(`time to live of ${name} on ${attribute}`);
}
