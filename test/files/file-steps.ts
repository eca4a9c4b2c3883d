// What the benchmark measures, one step at a time: each runs in a process of its own, so that
// its peak memory is its own.
import { normaliseImage } from '@ndf/image-normalizer/lib';
import { DEFAULT_INSPECT_LIMITS, PdfInspector, inspectPdfInProcess } from '@ndf/pdf-inspector/lib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { bytesSource, sniffReceipt } from '@ndf/format-sniffer/lib';
import type { FileInputs } from './file-inputs.js';

export interface Step {
  readonly file: keyof FileInputs;
  readonly label: string;
  /** The step this one is compared with; none for a baseline. */
  readonly baseline?: string;
  /** Prepares what the step needs (a warm PDF inspector) and returns the step itself. */
  prepare(inputs: FileInputs): Promise<{ run: () => Promise<unknown>; close?: () => Promise<void> }>;
}

const DISPLAY_HEIGHT = 3266; // the 12 MP photo's display copy: 8 megapixels, upright (2450 x 3266)
const settings = { limits: DEFAULT_INSPECT_LIMITS, rasterise: 'scanned' as const, rasterFormat: 'png' as const };
const accepted = async (bytes: Uint8Array) => (await sniffReceipt(bytesSource(bytes))).outcome === 'accepted';

async function warmInspector(rasterFormat: 'png' | 'jpeg', bytes: Uint8Array) {
  const inspector = new PdfInspector({ workers: 1 });
  await inspector.warmUp();
  return { run: async () => (await accepted(bytes)) && inspector.inspect(bytes, { rasterFormat }), close: () => inspector.close() };
}

export const STEPS: Readonly<Record<string, Step>> = {
  'jpeg-resize-800': {
    file: 'jpeg',
    label: 'plain sharp resize to 800 px',
    prepare: async ({ jpeg }) => ({ run: () => sharp(jpeg).resize(800).jpeg().toBuffer() }),
  },
  'jpeg-resize-display': {
    file: 'jpeg',
    label: `plain sharp upright + resize to ${DISPLAY_HEIGHT} px high`,
    baseline: 'jpeg-resize-800',
    prepare: async ({ jpeg }) => ({ run: () => sharp(jpeg).autoOrient().resize({ height: DISPLAY_HEIGHT }).jpeg().toBuffer() }),
  },
  'jpeg-sniff': {
    file: 'jpeg',
    label: 'sniff',
    baseline: 'jpeg-resize-800',
    prepare: async ({ jpeg }) => ({ run: () => sniffReceipt(bytesSource(jpeg)) }),
  },
  'jpeg-normalise': {
    file: 'jpeg',
    label: 'normalise (display + 200/800 px)',
    baseline: 'jpeg-resize-800',
    prepare: async ({ jpeg }) => ({ run: () => normaliseImage(jpeg) }),
  },
  'jpeg-sniff-normalise': {
    file: 'jpeg',
    label: 'sniff + normalise',
    baseline: 'jpeg-resize-display',
    prepare: async ({ jpeg }) => ({ run: async () => (await accepted(jpeg)) && normaliseImage(jpeg) }),
  },
  'digital-load': {
    file: 'digitalPdf',
    label: 'plain pdf-lib load',
    prepare: async ({ digitalPdf }) => ({ run: () => PDFDocument.load(digitalPdf) }),
  },
  'digital-sniff': {
    file: 'digitalPdf',
    label: 'sniff',
    baseline: 'digital-load',
    prepare: async ({ digitalPdf }) => ({ run: () => sniffReceipt(bytesSource(digitalPdf)) }),
  },
  'digital-inspect-in-process': {
    file: 'digitalPdf',
    label: 'inspect in process',
    baseline: 'digital-load',
    prepare: async ({ digitalPdf }) => ({ run: () => inspectPdfInProcess(digitalPdf, settings) }),
  },
  'digital-sniff-inspect': {
    file: 'digitalPdf',
    label: 'sniff + inspect (warm worker)',
    baseline: 'digital-load',
    prepare: ({ digitalPdf }) => warmInspector('png', digitalPdf),
  },
  'scanned-load': {
    file: 'scannedPdf',
    label: 'plain pdf-lib load',
    prepare: async ({ scannedPdf }) => ({ run: () => PDFDocument.load(scannedPdf) }),
  },
  'scanned-inspect-in-process': {
    file: 'scannedPdf',
    label: 'inspect in process, 300 dpi grey PNG',
    baseline: 'scanned-load',
    prepare: async ({ scannedPdf }) => ({ run: () => inspectPdfInProcess(scannedPdf, settings) }),
  },
  'scanned-sniff-inspect': {
    file: 'scannedPdf',
    label: 'sniff + inspect (warm worker), grey PNG',
    baseline: 'scanned-load',
    prepare: ({ scannedPdf }) => warmInspector('png', scannedPdf),
  },
  'scanned-sniff-inspect-jpeg': {
    file: 'scannedPdf',
    label: 'sniff + inspect (warm worker), colour JPEG',
    baseline: 'scanned-load',
    prepare: ({ scannedPdf }) => warmInspector('jpeg', scannedPdf),
  },
};
