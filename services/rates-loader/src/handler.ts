import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseRatesFile, RatesInputError } from '@ndf/exchange-rates';
import { loadRates, RatesFileError, requestRecomputeOfAwaited } from '@ndf/rates-store';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { readRatesSource } from './rates-source.js';

export interface LoaderDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly referenceTable: string;
  readonly notesTable: string;
  /** The configured source (see rates-source.ts), checked at start; undefined when none is configured. */
  readonly source: string | undefined;
  /** What this task last loaded whole: the same file again writes nothing (the laptop ticks every 10 s). */
  readonly lastLoaded: { digest?: string; newest?: string };
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
  let text: string;
  try {
    text = await readRatesSource(dependencies.source, context.signal);
  } catch (error) {
    if (error instanceof RatesFileError) throw new PermanentError(`The rates file at ${dependencies.source} is refused: ${error.message}`);
    throw error;
  }
  const digest = createHash('sha256').update(text).digest('hex');
  const { lastLoaded } = dependencies;
  if (digest === lastLoaded.digest && lastLoaded.newest !== undefined) {
    // Its days are in the table already; only a conversion that awaited them and was missed (its
    // stage written as the last load looked) is still looked for.
    const newest = lastLoaded.newest;
    const recomputeRequested = await context.call('dynamodb', (signal) =>
      requestRecomputeOfAwaited(dependencies.dynamodb, dependencies.notesTable, newest, signal),
    );
    context.log.debug({ event: 'rates-unchanged', recomputeRequested });
    return;
  }
  let days;
  try {
    days = parseRatesFile(text);
  } catch (error) {
    if (error instanceof RatesInputError) throw new PermanentError(`The rates file at ${dependencies.source} is refused: ${error.message}`);
    throw error;
  }
  const result = await context.call('dynamodb', (signal) => loadRates(dependencies, days, signal));
  const newest = days
    .map((day) => day.date)
    .sort()
    .at(-1);
  Object.assign(lastLoaded, { digest, newest });
  context.log.info({
    event: 'rates-loaded',
    days: days.length,
    newest,
    // Of this attempt: a call retried after a blip finds the days its first attempt wrote unchanged.
    written: result.written.length,
    recomputeRequested: result.recomputeRequested,
  });
}
