import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { PAYABLE_SHARDS } from '@ndf/contracts';
import type { BatcherDependencies, Call } from './dependencies.js';

/** Tenants looked at per tick and shard. */
const MAX_TENANTS_PER_SHARD = 200;

/**
 * The tenants with an item in a sharded cross-tenant partition of gsi1 whose sort keys start
 * with `<tenant>#` (the payable notes, the mileage years with a difference due): one Query of one
 * item per tenant in each shard, each starting past the previous tenant's items, so a tenant with
 * many items costs one read.
 */
export async function tenantsInShards(
  shardKey: (shard: number) => string,
  call: Call,
  dependencies: BatcherDependencies,
): Promise<string[]> {
  const tenants: string[] = [];
  for (let shard = 0; shard < PAYABLE_SHARDS; shard += 1) {
    let after: string | undefined;
    for (let count = 0; count < MAX_TENANTS_PER_SHARD; count += 1) {
      const page = await call('dynamodb', (signal) =>
        dependencies.dynamodb.send(
          new QueryCommand({
            TableName: dependencies.notesTable,
            IndexName: 'gsi1',
            KeyConditionExpression: after === undefined ? 'gsi1pk = :shard' : 'gsi1pk = :shard AND gsi1sk > :after',
            ExpressionAttributeValues: marshall({ ':shard': shardKey(shard), ...(after === undefined ? {} : { ':after': after }) }),
            Limit: 1,
          }),
          { abortSignal: signal },
        ),
      );
      const first = page.Items?.[0];
      const tenant = first ? /^([^#]+)#/.exec(String(unmarshall(first).gsi1sk))?.[1] : undefined;
      if (tenant === undefined) break;
      tenants.push(tenant);
      // Past every key of this tenant: '#' sorts below every character a tenant id may hold.
      after = `${tenant}#\uffff`;
    }
  }
  return tenants;
}
