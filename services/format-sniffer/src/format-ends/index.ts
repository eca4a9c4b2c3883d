import type { RangeReader } from '../range-reader.js';
import type { ReceiptFormat } from '../receipt-formats.js';
import type { EndCheck } from './end-check.js';
import { heifEnd } from './heif-end.js';
import { jpegEnd } from './jpeg-end.js';
import { pdfEnd } from './pdf-end.js';
import { pngEnd } from './png-end.js';
import { startsAsTiff, tiffEnd } from './tiff-end.js';
import { webpEnd } from './webp-end.js';

export type { EndCheck } from './end-check.js';
export { startsAsTiff };

const CHECKS: Readonly<Record<ReceiptFormat, (reader: RangeReader) => Promise<EndCheck>>> = {
  jpeg: jpegEnd,
  png: pngEnd,
  heic: heifEnd,
  avif: heifEnd,
  webp: webpEnd,
  tiff: tiffEnd,
  pdf: pdfEnd,
};

export const checkEnd = (format: ReceiptFormat, reader: RangeReader): Promise<EndCheck> => CHECKS[format](reader);
