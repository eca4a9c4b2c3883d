import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { noteKey, tenantScope } from '@ndf/contracts';
import type { HealthProbe } from './public-routes.js';

/** The scope used only to build the key the health probe can never write. */
const PROBE_SCOPE = tenantScope({ tenant: 'ndf-health-probe', user: 'health-probe', roles: [] });
const PROBE_NOTE = '00000000-0000-0000-0000-000000000000';

/**
 * Whether an item of the notes table could be written now: a conditional write that cannot
 * succeed, whose refusal proves the write path (the role, the table, the network) works.
 */
export function tableWriteProbe(dynamodb: DynamoDBClient, tableName: string): HealthProbe {
  return async (signal) => {
    try {
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: marshall(noteKey(PROBE_SCOPE, PROBE_NOTE)),
          UpdateExpression: 'SET probedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(pk)',
          ExpressionAttributeValues: marshall({ ':now': new Date().toISOString() }),
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if ((error as { name?: string })?.name === 'ConditionalCheckFailedException') return;
      throw error;
    }
    throw new Error('The write probe succeeded, which its condition should forbid.');
  };
}
