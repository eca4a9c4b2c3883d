import { latin1, view } from '../byte-search.js';
import type { RangeReader } from '../range-reader.js';
import { truncated, type EndCheck } from './end-check.js';

/** A real HEIF has a handful of top-level boxes (ftyp, meta, mdat...); past this, stop walking. */
const MAX_BOXES = 64;

/** Walks the top-level ISO-BMFF boxes by their headers: the last must end at the end of the file. */
export async function heifEnd(reader: RangeReader): Promise<EndCheck> {
  let offset = 0;
  for (let boxes = 0; offset < reader.size; boxes++) {
    if (boxes === MAX_BOXES) return { complete: true, end: reader.size };
    const header = await reader.bytes(offset, offset + 16);
    if (header.length < 8 || !/^[\x20-\x7e]{4}$/.test(latin1(header.subarray(4, 8)))) break;
    const declared = view(header).getUint32(0);
    const boxSize =
      declared === 1 && header.length >= 16 ? Number(view(header).getBigUint64(8)) : declared === 0 ? reader.size - offset : declared;
    if (boxSize < 8) break;
    if (offset + boxSize > reader.size)
      return truncated(`the ${latin1(header.subarray(4, 8))} box at ${offset} runs ${offset + boxSize - reader.size} bytes past the end`);
    offset += boxSize;
  }
  return { complete: true, end: offset };
}
