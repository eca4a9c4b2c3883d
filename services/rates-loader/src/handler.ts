import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseRatesFile, RatesInputError } from '@ndf/exchange-rates';
import { loadRates } from '@ndf/rates-store';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { readRatesSource } from './rates-source.js';

export interface LoaderDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly referenceTable: string;
  readonly notesTable: string;
  /** The configured source (see rates-source.ts), checked at start; undefined when none is configured. */
  readonly source: string | undefined;
}

/**
 * On each tick: reads the configured rates file whole, loads its days (those unchanged write
 * nothing) and has the conversions that awaited them recomputed. The source is read here, on a
 * schedule, never when a note is converted. A file that does not parse is quarantined with its
 * line and field (and pages); an unreachable source is retried, then quarantined.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log' | 'signal'>,
  dependencies: LoaderDependencies,
): Promise<void> {
  if (dependencies.source === undefined) {
    context.log.warn({ event: 'rates-source-not-configured' });
    return;
  }
  const text = await readRatesSource(dependencies.source, context.signal);
  let days;
  try {
    days = parseRatesFile(text);
  } catch (error) {
    if (error instanceof RatesInputError) throw new PermanentError(`The rates file at ${dependencies.source} is refused: ${error.message}`);
    throw error;
  }
  const result = await context.call('dynamodb', (signal) => loadRates(dependencies, days, signal));
  context.log.info({
    event: 'rates-loaded',
    days: days.length,
    written: result.written.length,
    newest: result.written.at(-1),
    recomputeRequested: result.recomputeRequested,
  });
}
