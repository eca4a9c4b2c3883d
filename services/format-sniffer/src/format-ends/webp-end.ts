import { view } from '../byte-search.js';
import type { RangeReader } from '../range-reader.js';
import { truncated, type EndCheck } from './end-check.js';

/** A WebP is one RIFF chunk whose header gives its length. */
export async function webpEnd(reader: RangeReader): Promise<EndCheck> {
  const riffSize = view(reader.head).getUint32(4, true);
  const end = 8 + riffSize + (riffSize % 2);
  if (end > reader.size) return truncated(`the RIFF header announces ${end} bytes, the file has ${reader.size}`);
  return { complete: true, end };
}
