import { awsJson, type AwsJsonTarget } from './aws-json.js';

interface ScanPage {
  Items?: { pk: { S: string }; runs?: { N: string }; replays?: { N: string } }[];
  LastEvaluatedKey?: unknown;
}

export interface LedgerLine {
  /** How many times the effect was applied: more than 1 is a double. */
  readonly runs: number;
  /** How many more times `once` ran the effect, absorbed by its condition. */
  readonly replays: number;
}

/** The chaos service's ledger, per message id. */
export async function readLedger(dynamodb: AwsJsonTarget, table: string): Promise<Map<string, LedgerLine>> {
  const lines = new Map<string, LedgerLine>();
  let start: unknown;
  do {
    const page = await awsJson<ScanPage>(dynamodb, 'DynamoDB_20120810.Scan', {
      TableName: table,
      ConsistentRead: true,
      FilterExpression: 'begins_with(pk, :ledger)',
      ProjectionExpression: 'pk, runs, replays',
      ExpressionAttributeValues: { ':ledger': { S: 'LEDGER#' } },
      ...(start === undefined ? {} : { ExclusiveStartKey: start }),
    });
    for (const item of page.Items ?? [])
      lines.set(item.pk.S.slice('LEDGER#'.length), { runs: Number(item.runs?.N ?? '0'), replays: Number(item.replays?.N ?? '0') });
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return lines;
}
