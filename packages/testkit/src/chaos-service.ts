import { fileURLToPath } from 'node:url';
import type { ServiceEntry } from '@ndf/catalog';
import { PermanentError, TransientError, defineService, type ServiceDefinition } from '@ndf/runtime';
import { AwsJsonError, awsJson, type AwsJsonTarget } from './aws-json.js';

export interface ChaosOptions {
  /**
   * The share of attempts that throw a TransientError, before the effect: one thrown after it
   * while `once` failed to store the effect as done would leave the retries facing the
   * attempt's own claim until it lapses.
   */
  readonly transientRate: number;
  /** The share of attempts that sleep past their deadline, deaf to their signal. */
  readonly hangRate: number;
  readonly hangMs: number;
  /** The table of the ledger that counts each effect's runs, and where it is. */
  readonly ledgerTable: string;
  readonly dynamodb: AwsJsonTarget;
}

/** The ledger item that counts how many times the effect of message `id` ran. */
export function ledgerKey(id: string): Record<string, { S: string }> {
  return { pk: { S: `LEDGER#${id}` }, sk: { S: 'LEDGER' } };
}

function parseId(body: string): string {
  try {
    const { id } = JSON.parse(body) as { id?: unknown };
    if (typeof id === 'string' && id !== '') return id;
  } catch {
    // Falls through to the permanent error below.
  }
  throw new PermanentError('malformed body: not a JSON object with an id');
}

/**
 * The effect: a write conditional on the effect not being applied yet, so that it lands once
 * even when `once` runs it again (a process killed between the effect and the record of it
 * being done). `runs` counts the applications, `replays` the runs absorbed by the condition.
 */
async function recordEffect(options: ChaosOptions, id: string, signal: AbortSignal): Promise<void> {
  try {
    await awsJson(
      options.dynamodb,
      'DynamoDB_20120810.UpdateItem',
      {
        TableName: options.ledgerTable,
        Key: ledgerKey(id),
        UpdateExpression: 'ADD runs :one',
        ConditionExpression: 'attribute_not_exists(runs)',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
      signal,
    );
  } catch (error) {
    if (!(error instanceof AwsJsonError && error.name === 'ConditionalCheckFailedException')) throw error;
    await awsJson(
      options.dynamodb,
      'DynamoDB_20120810.UpdateItem',
      {
        TableName: options.ledgerTable,
        Key: ledgerKey(id),
        UpdateExpression: 'ADD replays :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
      signal,
    );
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A service that fails at random and records, per message id, how often its one effect ran. */
export function chaosService(entry: ServiceEntry, options: ChaosOptions): ServiceDefinition {
  return defineService({
    entry,
    handle: async (message, context) => {
      const id = parseId(message.body);
      if (Math.random() < options.hangRate) await sleep(options.hangMs);
      if (Math.random() < options.transientRate) throw new TransientError('injected failure before the effect');
      await context.once(id, () => recordEffect(options, id, context.signal));
    },
  });
}

/** The script that runs the chaos service as a process (see startServiceProcess), configured by CHAOS_* variables. */
export const CHAOS_SERVICE_MAIN = fileURLToPath(new URL('./chaos-service-main.ts', import.meta.url));
