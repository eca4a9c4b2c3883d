import { unzipSync } from 'fflate';

/** Why the bytes of a rates file cannot be read as one. */
export class RatesFileError extends Error {
  override readonly name = 'RatesFileError';
}

/** The ECB's full history unzips to about 2 MB: far more is not a rates file, and is not inflated. */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;

const isZip = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * The text of a rates file as published: the ECB serves its files zipped (eurofxref-hist.zip,
 * eurofxref.zip, one CSV inside), so a zip holding exactly one .csv is read through it
 * (fflate, already in the workspace); anything else is taken as UTF-8 text.
 */
export function ratesTextOf(bytes: Uint8Array): string {
  if (!isZip(bytes)) return new TextDecoder('utf-8').decode(bytes);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.originalSize > MAX_UNZIPPED_BYTES)
          throw new RatesFileError(`${file.name} unzips to ${file.originalSize} bytes, past the limit.`);
        return file.name.toLowerCase().endsWith('.csv');
      },
    });
  } catch (error) {
    if (error instanceof RatesFileError) throw error;
    throw new RatesFileError(`The zip cannot be read: ${(error as Error).message}`);
  }
  const names = Object.keys(entries);
  if (names.length !== 1) throw new RatesFileError(`The zip holds ${names.length} CSV files, not one.`);
  return new TextDecoder('utf-8').decode(entries[names[0]!]);
}
