import { ascii, lastIndexOfBytes } from '../byte-search.js';
import type { RangeReader } from '../range-reader.js';
import { truncated, type EndCheck } from './end-check.js';

const END_OF_FILE = ascii('%%EOF');
/** PDF readers look for the last %%EOF within the last 1,024 bytes. */
const END_SEARCH = 1024;

export async function pdfEnd(reader: RangeReader): Promise<EndCheck> {
  const from = Math.max(0, reader.size - END_SEARCH - reader.tailStart);
  const at = lastIndexOfBytes(reader.tail, END_OF_FILE, from);
  if (at < 0) return truncated(`no %%EOF in the last ${END_SEARCH} bytes of the PDF`);
  return { complete: true, end: reader.tailStart + at + END_OF_FILE.length };
}
