import { ascii, indexOfBytes, latin1 } from './byte-search.js';
import type { RangeReader } from './range-reader.js';

const ENCRYPT_KEY = /\/Encrypt[\s<\d/]/;
const XREF_WINDOW = 4096;

/**
 * Whether the PDF's trailer names an encryption dictionary. The trailer (or the cross-reference
 * stream's dictionary) is where the last `startxref` points; a linearised file repeats it at the top.
 */
export async function declaresEncryption(reader: RangeReader): Promise<boolean> {
  const tailText = latin1(reader.tail);
  if (ENCRYPT_KEY.test(latin1(reader.head)) || ENCRYPT_KEY.test(tailText)) return true;
  const startxref = [...tailText.matchAll(/startxref\s+(\d+)/g)].at(-1)?.[1];
  if (startxref === undefined) return false;
  const offset = Number(startxref);
  const section = await reader.bytes(offset, offset + XREF_WINDOW);
  const streamAt = indexOfBytes(section, ascii('stream'));
  return ENCRYPT_KEY.test(latin1(streamAt >= 0 ? section.subarray(0, streamAt) : section));
}
