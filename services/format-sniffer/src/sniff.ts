import { fileTypeFromBuffer } from 'file-type';
import type { ByteSource } from './byte-source.js';
import { ARCHIVES, EXECUTABLES, MARKUP, TEXT } from './detected-kinds.js';
import { checkEnd, startsAsTiff } from './format-ends/index.js';
import { declaresEncryption } from './pdf-encryption.js';
import { findHtmlInPrefix, findLatePdfHeader, findRar, findZipDirectory, judgeTrailer, startsAsPdfAfterBlanks } from './polyglot.js';
import { RangeReader } from './range-reader.js';
import {
  RECEIPT_FORMATS,
  declaredMismatch,
  receiptFormatOf,
  type Declared,
  type DeclaredMismatch,
  type ReceiptFormat,
} from './receipt-formats.js';
import { sniffRefusalMessage, type SniffRefusalCode, type UserMessage } from './refusals.js';
import { DEFAULT_SNIFF_LIMITS, type SniffLimits } from './sniff-limits.js';
import { sniffText } from './text-sniff.js';

export interface SniffOptions {
  readonly declared?: Declared;
  readonly limits?: Partial<SniffLimits>;
  readonly signal?: AbortSignal;
}

export interface SniffAccepted {
  readonly outcome: 'accepted';
  readonly format: ReceiptFormat;
  readonly mime: string;
  readonly extension: string;
  readonly size: number;
  /** Set when the declared name or type says something else (a PNG named .pdf). */
  readonly mismatch?: DeclaredMismatch;
  /** Bytes after the format's end that no program opens (padding, vendor data, a motion photo's video). */
  readonly trailingBytes: number;
  readonly bytesRead: number;
}

export interface SniffRefused {
  readonly outcome: 'refused';
  readonly code: SniffRefusalCode;
  /** For the user, in French and English. */
  readonly message: UserMessage;
  /** For logs and support: what exactly was found. */
  readonly detail: string;
  /** What the bytes start as (file-type's extension, or script/markup/text), when anything. */
  readonly detected?: string;
  readonly size: number;
  readonly bytesRead: number;
}

export type SniffResult = SniffAccepted | SniffRefused;

const TRAILER_SAMPLE = 4096;

/**
 * Finds what a receipt file really is from its bytes (never its name or declared type), reading
 * only its head, its tail and a few small ranges. A refusal is a result, not an exception; only
 * a failing source or an abort throws.
 */
export async function sniffReceipt(source: ByteSource, options: SniffOptions = {}): Promise<SniffResult> {
  options.signal?.throwIfAborted();
  const limits = { ...DEFAULT_SNIFF_LIMITS, ...options.limits };
  const reader = new RangeReader(source, options.signal);
  const refuse = (code: SniffRefusalCode, detail: string, detected?: string): SniffRefused => ({
    outcome: 'refused',
    code,
    message: sniffRefusalMessage(code, limits.maxBytes),
    detail,
    ...(detected === undefined ? {} : { detected }),
    size: source.size,
    bytesRead: reader.bytesRead,
  });

  if (source.size === 0) return refuse('empty', 'the file has no bytes');
  if (source.size > limits.maxBytes) return refuse('too-large', `${source.size} bytes, over the ${limits.maxBytes}-byte limit`);
  await reader.loadWindows(limits.headBytes, limits.tailBytes);

  const detected =
    (await fileTypeFromBuffer(reader.head))?.ext ??
    (startsAsTiff(reader.head) ? 'tif' : startsAsPdfAfterBlanks(reader.head) ? 'pdf' : undefined);
  if (detected !== undefined && EXECUTABLES.has(detected)) return refuse('executable', `starts as ${detected}`, detected);
  if (detected !== undefined && ARCHIVES.has(detected)) return refuse('archive', `starts as ${detected}`, detected);

  const hidden = (await findZipDirectory(reader)) ?? findRar(reader) ?? (detected === 'pdf' ? undefined : findLatePdfHeader(reader.head));
  if (hidden) return refuse('polyglot', `${hidden} in a file that starts as ${detected ?? 'text or unknown data'}`, detected);

  const format = detected === undefined ? undefined : receiptFormatOf(detected);
  if (format === undefined) {
    if (detected !== undefined && MARKUP.has(detected)) return refuse('markup', `starts as ${detected}`, detected);
    if (detected !== undefined && TEXT.has(detected)) return refuse('text', `starts as ${detected}`, detected);
    // Weak signatures (an MPEG frame sync is two bytes) also match text, a UTF-16 one for instance.
    const text = sniffText(reader.head);
    if (text === 'script') return refuse('executable', 'a script (starts with #!)', text);
    if (text !== undefined) return refuse(text, `reads as ${text}`, text);
    if (detected !== undefined) return refuse('unsupported-format', `starts as ${detected}`, detected);
    return refuse('unknown-format', 'no known signature, and not text');
  }

  const html = findHtmlInPrefix(reader.head);
  if (html) return refuse('polyglot', `${html} of a ${format} file`, detected);
  const end = await checkEnd(format, reader);
  if (!end.complete) return refuse('truncated', end.detail, detected);
  const trailer = await judgeTrailer(await reader.bytes(end.end, end.end + TRAILER_SAMPLE), end.allowedTrailers);
  if (trailer.kind === 'hidden-file') return refuse('polyglot', `${trailer.detail} of a ${format} file (offset ${end.end})`, detected);
  if (format === 'pdf' && (await declaresEncryption(reader)))
    return refuse('encrypted-pdf', 'the trailer names an /Encrypt dictionary', detected);

  const mismatch = declaredMismatch(options.declared ?? {}, format);
  return {
    outcome: 'accepted',
    format,
    ...RECEIPT_FORMATS[format],
    size: source.size,
    ...(mismatch ? { mismatch } : {}),
    trailingBytes: source.size - end.end,
    bytesRead: reader.bytesRead,
  };
}
