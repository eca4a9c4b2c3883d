import { createCanvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { greyPng } from './grey-png.js';

/** PNG: 8-bit greyscale, lossless, what OCR reads; JPEG: colour, quality 92, for a picture to show. */
export type RasterFormat = 'png' | 'jpeg';

export interface PageRaster {
  readonly page: number;
  readonly format: RasterFormat;
  /** The resolution used: the requested one, or less when the page is huge. */
  readonly dpi: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
}

/** Renders a page for OCR on a white background, at `dpi` or lower so that it stays under `maxPixels`. */
export async function rasterisePage(page: PDFPageProxy, dpi: number, maxPixels: number, format: RasterFormat = 'png'): Promise<PageRaster> {
  const atOnePoint = page.getViewport({ scale: 1 });
  const wanted = dpi / 72;
  const scale = Math.min(wanted, Math.sqrt(maxPixels / (atOnePoint.width * atOnePoint.height)));
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js types its canvas as the DOM's; @napi-rs/canvas implements the same drawing API.
  await page.render({ canvas: canvas as unknown as Parameters<PDFPageProxy['render']>[0]['canvas'], viewport }).promise;
  // Either way an ArrayBuffer of its own, so that it can be transferred out of the worker thread.
  const bytes =
    format === 'png'
      ? greyPng(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height)
      : new Uint8Array(await canvas.encode('jpeg', 92));
  return { page: page.pageNumber, format, dpi: Math.round(scale * 72), width: canvas.width, height: canvas.height, bytes };
}
