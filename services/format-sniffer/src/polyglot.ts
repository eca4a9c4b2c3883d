import { fileTypeFromBuffer } from 'file-type';
import { ascii, indexOfBytes, lastIndexOfBytes, latin1, startsWithBytes, view } from './byte-search.js';
import type { RangeReader } from './range-reader.js';

/**
 * The polyglot rules: a receipt must not also be another file that some program opens.
 * - A ZIP directory at the end: ZIP readers (and JAR loaders: GIFAR) find the end-of-central-directory
 *   record from the end of the file, whatever comes before it.
 * - A RAR archive: its signature anywhere in the windows, or its end-of-archive block closing the file.
 * - A PDF header after offset 0 in the first 1,024 bytes: PDF readers look for it there.
 * - HTML or SVG tags in the first 1,024 bytes of a binary format: browsers sniff that far.
 * - After the format's own end marker, data that is itself a known format (another image, a PDF,
 *   an archive, a program, a web page). Padding, and vendor data no program opens, are tolerated.
 */

const EOCD = ascii('PK\x05\x06');
const CENTRAL_HEADER = ascii('PK\x01\x02');
const ZIP64_LOCATOR = ascii('PK\x06\x07');
const EOCD_SEARCH = 65_535 + 22;
const RAR_SIGNATURE = ascii('Rar!\x1a\x07');
const RAR5_END = Uint8Array.from([0x1d, 0x77, 0x56, 0x51, 0x03, 0x05, 0x04, 0x00]);
const RAR4_END = Uint8Array.from([0xc4, 0x3d, 0x7b, 0x00, 0x40, 0x07, 0x00]);
const PDF_HEADER = ascii('%PDF-');
const SNIFFED_PREFIX = 1024;
const HTML_TAG = /<(script|html|body|head|iframe|object|embed|svg|!doctype\s+html)[\s>/]/i;

/** ZIP readers take the last valid record; a tail stuffed with fake ones must not cost a read each. */
const MAX_EOCD_CANDIDATES = 8;

/** Where a ZIP directory would make a ZIP reader open this file, as a short explanation. */
export async function findZipDirectory(reader: RangeReader): Promise<string | undefined> {
  const { tail, tailStart, size } = reader;
  let at = tail.length;
  for (
    let candidates = 0;
    candidates < MAX_EOCD_CANDIDATES && (at = lastIndexOfBytes(tail.subarray(0, at + EOCD.length - 1), EOCD)) >= 0;
    candidates++
  ) {
    const absolute = tailStart + at;
    if (size - absolute > EOCD_SEARCH) break;
    if (absolute + 22 <= size && (await isZipDirectory(reader, absolute)))
      return `a ZIP end-of-central-directory record at offset ${absolute}`;
  }
  return undefined;
}

/** A real record points back to a central directory header; random bytes that spell PK\5\6 do not. */
async function isZipDirectory(reader: RangeReader, offset: number): Promise<boolean> {
  const record = view(await reader.bytes(offset, offset + 22));
  if (record.byteLength < 22) return false;
  if (offset >= 20 && startsWithBytes(await reader.bytes(offset - 20, offset - 16), ZIP64_LOCATOR)) return true;
  const entries = record.getUint16(10, true);
  const directorySize = record.getUint32(12, true);
  const commentLength = record.getUint16(20, true);
  if (entries === 0 || directorySize === 0 || directorySize > offset || offset + 22 + commentLength > reader.size) return false;
  return startsWithBytes(await reader.bytes(offset - directorySize, offset - directorySize + 4), CENTRAL_HEADER);
}

export function findRar(reader: RangeReader): string | undefined {
  if (indexOfBytes(reader.head, RAR_SIGNATURE) >= 0 || indexOfBytes(reader.tail, RAR_SIGNATURE) >= 0) return 'a RAR signature';
  const end = reader.tail.subarray(-RAR5_END.length);
  if (startsWithBytes(end, RAR5_END) || startsWithBytes(reader.tail.subarray(-RAR4_END.length), RAR4_END))
    return 'a RAR end-of-archive block';
  return undefined;
}

/** Some PDF generators (a PHP script's stray newline) emit blank bytes before the header: still only a PDF. */
export function startsAsPdfAfterBlanks(head: Uint8Array): boolean {
  const at = indexOfBytes(head, PDF_HEADER, 0, SNIFFED_PREFIX);
  return (
    at > 0 &&
    head
      .subarray(0, at)
      .every(
        (byte) =>
          byte === 0x20 ||
          byte === 0x09 ||
          byte === 0x0a ||
          byte === 0x0d ||
          byte === 0x00 ||
          byte === 0xef ||
          byte === 0xbb ||
          byte === 0xbf,
      )
  );
}

export function findLatePdfHeader(head: Uint8Array): string | undefined {
  const at = indexOfBytes(head, PDF_HEADER, 1, SNIFFED_PREFIX);
  return at > 0 ? `a PDF header at offset ${at}` : undefined;
}

export function findHtmlInPrefix(head: Uint8Array): string | undefined {
  const match = HTML_TAG.exec(latin1(head.subarray(0, SNIFFED_PREFIX)));
  return match ? `an HTML tag <${match[1]}> in the first ${SNIFFED_PREFIX} bytes` : undefined;
}

export type TrailerVerdict =
  { readonly kind: 'none' | 'padding' | 'tolerated' } | { readonly kind: 'hidden-file'; readonly detail: string };

const SIGNATURES: readonly (readonly [string, Uint8Array])[] = [
  ['PDF', PDF_HEADER],
  ['ZIP', ascii('PK\x03\x04')],
  ['RAR', RAR_SIGNATURE],
  ['7z', Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])],
  ['ELF', ascii('\x7fELF')],
];

/**
 * Judges the bytes found after a format's end marker (only their first kilobytes are read).
 * `allowed` names formats that may trail legitimately (a JPEG motion photo carries an MP4).
 */
export async function judgeTrailer(trailer: Uint8Array, allowed: ReadonlySet<string> = new Set()): Promise<TrailerVerdict> {
  if (trailer.length === 0) return { kind: 'none' };
  if (trailer.every((byte) => byte === 0x00 || byte === 0xff || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09))
    return { kind: 'padding' };
  const type = await fileTypeFromBuffer(trailer);
  if (type && !allowed.has(type.ext)) return { kind: 'hidden-file', detail: `a ${type.ext} file after the end marker` };
  for (const [name, signature] of SIGNATURES) {
    if (indexOfBytes(trailer, signature) >= 0) return { kind: 'hidden-file', detail: `a ${name} signature after the end marker` };
  }
  if (startsWithBytes(trailer, ascii('MZ'))) return { kind: 'hidden-file', detail: 'a DOS/Windows program after the end marker' };
  if (HTML_TAG.test(latin1(trailer))) return { kind: 'hidden-file', detail: 'HTML after the end marker' };
  return { kind: 'tolerated' };
}
