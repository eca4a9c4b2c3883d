import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { InspectLimits } from './inspect-limits.js';
import type { DocumentKind, PdfRefused, WorkerResult } from './inspect-result.js';
import { readPageContent, type PageContent, type PageKind } from './page-content.js';
import { readPdfStructure, type PdfStructure } from './pdf-structure.js';
import { openWithPdfJs } from './pdfjs-document.js';
import { rasterisePage, type PageRaster, type RasterFormat } from './rasterise.js';
import type { InspectRefusalCode } from './refusals.js';

/** Which pages get an image for OCR. */
export type RasterisePolicy = 'scanned' | 'all' | 'none';

export interface InspectSettings {
  readonly limits: InspectLimits;
  readonly rasterise: RasterisePolicy;
  readonly rasterFormat: RasterFormat;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function documentKind(kinds: readonly PageKind[]): DocumentKind {
  const text = kinds.includes('text');
  const scanned = kinds.includes('scanned');
  return text && scanned ? 'mixed' : text ? 'digital' : scanned ? 'scanned' : 'blank';
}

/**
 * Inspects a PDF in the current thread: structure with pdf-lib, text layer and rendering with
 * pdf.js. Use `inspectPdf`, which runs this in a worker thread with a time and memory bound.
 */
export async function inspectPdfInProcess(bytes: Uint8Array, settings: InspectSettings): Promise<WorkerResult> {
  const { limits } = settings;
  const refuse = (code: InspectRefusalCode, detail: string): Omit<PdfRefused, 'message'> => ({ outcome: 'refused', code, detail });
  const checkPageCount = (count: number) =>
    count === 0
      ? refuse('empty-pdf', 'the document has no pages')
      : count > limits.maxPages
        ? refuse('too-many-pages', `${count} pages, over the limit of ${limits.maxPages}`)
        : undefined;

  let structure: PdfStructure | undefined;
  let structureError = '';
  try {
    structure = await readPdfStructure(bytes);
  } catch (error) {
    structureError = `pdf-lib: ${messageOf(error)}`;
  }
  if (structure?.encrypted) return refuse('encrypted-pdf', 'the trailer names an encryption dictionary');
  const earlyRefusal = structure && checkPageCount(structure.pageCount);
  if (earlyRefusal) return earlyRefusal;

  let document: PDFDocumentProxy;
  try {
    // pdf.js may take over the buffer it is given.
    document = await openWithPdfJs(new Uint8Array(bytes));
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') return refuse('encrypted-pdf', 'pdf.js asks for a password');
    return refuse('corrupt-pdf', [structureError, `pdf.js: ${messageOf(error)}`].filter(Boolean).join('; '));
  }
  try {
    const lateRefusal = checkPageCount(document.numPages);
    if (lateRefusal) return lateRefusal;
    const pages: PageContent[] = [];
    const rasters: PageRaster[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await readPageContent(page, limits.minTextCharacters);
      pages.push(content);
      if (settings.rasterise === 'all' || (settings.rasterise === 'scanned' && content.kind === 'scanned'))
        rasters.push(await rasterisePage(page, limits.rasterDpi, limits.maxRasterPixels, settings.rasterFormat));
      page.cleanup();
    }
    return {
      outcome: 'inspected',
      pageCount: document.numPages,
      kind: documentKind(pages.map((page) => page.kind)),
      structureFrom: structure ? 'pdf-lib' : 'pdf.js',
      ...(structure?.producer === undefined ? {} : { producer: structure.producer }),
      ...(structure?.creator === undefined ? {} : { creator: structure.creator }),
      ...(structure?.title === undefined ? {} : { title: structure.title }),
      hasJavaScript: structure?.hasJavaScript ?? false,
      attachments: structure?.attachments ?? [],
      hasForm: structure?.hasForm ?? false,
      pages,
      text: pages.map((page) => page.text).join('\f'),
      rasters,
    };
  } catch (error) {
    return refuse('corrupt-pdf', [structureError, `pdf.js: ${messageOf(error)}`].filter(Boolean).join('; '));
  } finally {
    await document.destroy();
  }
}
