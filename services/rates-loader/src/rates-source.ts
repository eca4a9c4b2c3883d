import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ratesTextOf } from '@ndf/rates-store';

/** Where the scheduled loader reads the rates: NDF_RATES_SOURCE_URL. */
export const RATES_SOURCE_VARIABLE = 'NDF_RATES_SOURCE_URL';

/** Why a configured source cannot be used as given. */
export function sourceProblem(source: string): string | undefined {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return `${RATES_SOURCE_VARIABLE}=${JSON.stringify(source)} is not a URL`;
  }
  if (url.protocol === 'https:' || url.protocol === 'file:') return undefined;
  // Plain HTTP only on the machine itself (a test's server): rates are money, not read over the open network unsigned.
  if (url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost')) return undefined;
  return `${RATES_SOURCE_VARIABLE} must be an https: or file: URL, not ${url.protocol}`;
}

/** The rates file at the source, zipped as the ECB publishes it or not: an HTTPS address (the ECB's eurofxref-hist.zip, an object's address) or a file. */
export async function readRatesSource(source: string, signal: AbortSignal): Promise<string> {
  const url = new URL(source);
  if (url.protocol === 'file:') return ratesTextOf(await readFile(fileURLToPath(url), { signal }));
  const response = await fetch(url, { signal, redirect: 'follow' });
  if (!response.ok) throw new Error(`The rates source answered ${response.status} ${response.statusText}.`);
  return ratesTextOf(new Uint8Array(await response.arrayBuffer()));
}
