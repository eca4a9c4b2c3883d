import { startsWithBytes, view } from '../byte-search.js';
import type { RangeReader } from '../range-reader.js';
import { truncated, type EndCheck } from './end-check.js';

const STRIP_OFFSETS = 273;
const STRIP_BYTE_COUNTS = 279;
const TILE_OFFSETS = 324;
const TILE_BYTE_COUNTS = 325;
const MAX_ENTRIES = 4096;
const MAX_STRIPS = 65_536;
/** Bytes per value of the TIFF field types that can hold offsets and counts: SHORT, LONG, LONG8. */
const TYPE_SIZES: Readonly<Record<number, number>> = { 3: 2, 4: 4, 16: 8 };

interface Layout {
  readonly little: boolean;
  readonly big: boolean;
}

function readUint(data: DataView, at: number, bytes: number, little: boolean): number {
  if (bytes === 2) return data.getUint16(at, little);
  if (bytes === 4) return data.getUint32(at, little);
  return Number(data.getBigUint64(at, little));
}

/** The values of one IFD entry, read in place or from where the entry points. */
async function entryValues(reader: RangeReader, entry: DataView, layout: Layout): Promise<number[] | undefined> {
  const type = entry.getUint16(2, layout.little);
  const valueSize = TYPE_SIZES[type];
  if (valueSize === undefined) return undefined;
  const count = readUint(entry, 4, layout.big ? 8 : 4, layout.little);
  if (count > MAX_STRIPS) return undefined;
  const inline = layout.big ? 8 : 4;
  const valueAt = layout.big ? 12 : 8;
  let data: DataView;
  if (count * valueSize <= inline) {
    data = new DataView(entry.buffer, entry.byteOffset + valueAt, inline);
  } else {
    const pointer = readUint(entry, valueAt, inline, layout.little);
    const bytes = await reader.bytes(pointer, pointer + count * valueSize);
    if (bytes.length < count * valueSize) return undefined;
    data = view(bytes);
  }
  return Array.from({ length: count }, (_, index) => readUint(data, index * valueSize, valueSize, layout.little));
}

const TIFF_MAGIC = [
  Uint8Array.from([0x49, 0x49, 0x2a, 0x00]),
  Uint8Array.from([0x4d, 0x4d, 0x00, 0x2a]),
  Uint8Array.from([0x49, 0x49, 0x2b, 0x00]),
  Uint8Array.from([0x4d, 0x4d, 0x00, 0x2b]),
];

/**
 * file-type reads a TIFF's first directory to tell it from camera raw formats; when that directory
 * lies past the head window, the header's magic number says TIFF and the end check reads the rest.
 */
export const startsAsTiff = (head: Uint8Array): boolean => TIFF_MAGIC.some((magic) => startsWithBytes(head, magic));

/**
 * TIFF has no end marker: the first image's directory, and the strips or tiles it points to,
 * must lie inside the file.
 */
export async function tiffEnd(reader: RangeReader): Promise<EndCheck> {
  const header = view(reader.head);
  const little = header.getUint8(0) === 0x49;
  const big = header.getUint16(2, little) === 43;
  const layout = { little, big };
  const directory = big ? Number(header.getBigUint64(8, little)) : header.getUint32(4, little);
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  const countBytes = await reader.bytes(directory, directory + countSize);
  if (countBytes.length < countSize) return truncated(`the first image directory (offset ${directory}) lies past the end`);
  const entries = readUint(view(countBytes), 0, countSize, little);
  if (entries === 0 || entries > MAX_ENTRIES) return truncated(`the first image directory has ${entries} entries`);
  const table = await reader.bytes(directory + countSize, directory + countSize + entries * entrySize);
  if (table.length < entries * entrySize) return truncated('the first image directory is cut short');

  const fields = new Map<number, DataView>();
  for (let index = 0; index < entries; index++) {
    const entry = new DataView(table.buffer, table.byteOffset + index * entrySize, entrySize);
    fields.set(entry.getUint16(0, little), entry);
  }
  const offsetsEntry = fields.get(STRIP_OFFSETS) ?? fields.get(TILE_OFFSETS);
  const countsEntry = fields.get(STRIP_BYTE_COUNTS) ?? fields.get(TILE_BYTE_COUNTS);
  if (!offsetsEntry || !countsEntry) return truncated('the first image directory points to no image data');
  const [offsets, counts] = await Promise.all([entryValues(reader, offsetsEntry, layout), entryValues(reader, countsEntry, layout)]);
  if (!offsets || !counts || offsets.length !== counts.length) return truncated('the first image directory has unreadable strip tables');
  const dataEnd = Math.max(...offsets.map((offset, index) => offset + counts[index]!));
  if (dataEnd > reader.size) return truncated(`the image data runs to ${dataEnd}, the file has ${reader.size} bytes`);
  return { complete: true, end: reader.size };
}
