import { indexOfBytes } from '../byte-search.js';
import type { RangeReader } from '../range-reader.js';
import { truncated, type EndCheck } from './end-check.js';

/** The IEND chunk, always the same 12 bytes: empty length, type, CRC. */
const IEND = Uint8Array.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

export async function pngEnd(reader: RangeReader): Promise<EndCheck> {
  const at = indexOfBytes(reader.tail, IEND, Math.max(0, 8 - reader.tailStart));
  if (at < 0) return truncated('no PNG IEND chunk at the end');
  return { complete: true, end: reader.tailStart + at + IEND.length };
}
