import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

const assets = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const folder = (name: string) => `${join(assets, name)}/`;

/**
 * Opens a PDF with pdf.js as a hostile input: no eval (CVE-2024-4367), no font loading into the
 * host, every asset (standard fonts, CMaps, JPEG 2000 and JBIG2 decoders, ICC) from the package's
 * own files, never from the network.
 */
export function openWithPdfJs(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    standardFontDataUrl: folder('standard_fonts'),
    cMapUrl: folder('cmaps'),
    cMapPacked: true,
    wasmUrl: folder('wasm'),
    iccUrl: folder('iccs'),
    verbosity: 0,
  }).promise;
}

/** The smallest PDF pdf.js opens without complaint: one empty page. */
const EMPTY_PAGE_PDF = (() => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => [body.length, (body += `${index + 1} 0 obj\n${object}\nendobj\n`)][0] as number);
  const xref = body.length;
  body += `xref\n0 4\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
})();

/** Loads pdf.js and its in-thread worker once, so that the first real PDF does not pay for it. */
export async function warmUpPdfJs(): Promise<void> {
  const document = await openWithPdfJs(EMPTY_PAGE_PDF.slice());
  await (await document.getPage(1)).getTextContent();
  await document.destroy();
}
