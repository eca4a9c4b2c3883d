import { readFile } from 'node:fs/promises';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseRatesFile, RatesInputError } from '@ndf/exchange-rates';
import { loadRates } from './load-rates.js';
import { RatesFileError, ratesTextOf } from './rates-file-bytes.js';

export const RATES_USAGE =
  'usage: npm run rates -- load <file>   (the ECB eurofxref-hist or eurofxref file, .csv or zipped as published; or the JSON form)';

export interface RatesCommandIo {
  readonly dynamodb: DynamoDBClient;
  /** Physical names of the reference and notes tables of the platform acted on. */
  readonly referenceTable: string;
  readonly notesTable: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** `rates load <file>`: the file's days into the reference table, and the conversions awaiting them recomputed. Returns the exit code. */
export async function runRatesCommand(args: readonly string[], io: RatesCommandIo): Promise<number> {
  const [command, file, ...rest] = args;
  if (command !== 'load' || file === undefined || rest.length > 0) {
    io.stderr(`${RATES_USAGE}\n`);
    return 2;
  }
  let days;
  try {
    days = parseRatesFile(ratesTextOf(await readFile(file)));
  } catch (error) {
    if (error instanceof RatesInputError || error instanceof RatesFileError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`✖ ${file}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  const result = await loadRates(io, days, AbortSignal.timeout(300_000));
  const dates = days.map((day) => day.date).sort();
  io.stdout(
    `✔ ${days.length} day(s) of rates read (${dates[0] ?? '-'} to ${dates.at(-1) ?? '-'}): ` +
      `${result.written.length} written, ${result.unchanged.length} unchanged; ` +
      `${result.recomputeRequested} conversion(s) awaiting these rates sent back to the converter\n`,
  );
  return 0;
}
