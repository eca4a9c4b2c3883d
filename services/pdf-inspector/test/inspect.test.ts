import { afterAll, describe, expect, it } from 'vitest';
import { PdfInspector, type InspectResult, type PdfInspected } from '../src/lib.js';
import * as make from './pdfs.js';

const inspector = new PdfInspector({ workers: 1 });
afterAll(() => inspector.close());

const inspected = (result: InspectResult): PdfInspected => {
  if (result.outcome !== 'inspected') throw new Error(`refused: ${result.code} (${result.detail})`);
  return result;
};
const code = (result: InspectResult) => (result.outcome === 'refused' ? result.code : 'inspected');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];

describe('digital PDFs', () => {
  it('reads the text layer of an invoice, a label and its amount on one line, and needs no OCR', async () => {
    const result = inspected(await inspector.inspect(await (await make.digitalInvoice()).save()));
    expect(result).toMatchObject({ outcome: 'inspected', pageCount: 1, kind: 'digital', structureFrom: 'pdf-lib', rasters: [] });
    expect(result.pages[0]).toMatchObject({ number: 1, widthPt: 595, heightPt: 842, rotation: 0, kind: 'text', images: 0 });
    expect(result.text.split('\n')).toEqual([
      'HOTEL DES VOYAGEURS',
      'Facture F-2024-0042, page 1',
      'Total HT 35,00 EUR',
      'Total TTC 42,00 EUR',
    ]);
  });

  it('separates the pages of a 4-page invoice with form feeds', async () => {
    const result = inspected(await inspector.inspect(await (await make.digitalInvoice(4)).save()));
    expect(result.pageCount).toBe(4);
    expect(result.text.split('\f').map((page) => page.split('\n')[1])).toEqual(
      [1, 2, 3, 4].map((page) => `Facture F-2024-0042, page ${page}`),
    );
  });

  it('reports attachments (a Factur-X XML), JavaScript and metadata, and runs nothing', async () => {
    const pdf = await make.digitalInvoice();
    await pdf.attach(Buffer.from('<rsm:CrossIndustryInvoice/>'), 'factur-x.xml', { mimeType: 'text/xml' });
    pdf.addJavaScript('greeting', 'app.alert("hello")');
    pdf.setProducer('Facturation 3000');
    pdf.setTitle('Facture F-2024-0042');
    const result = inspected(await inspector.inspect(await pdf.save()));
    expect(result).toMatchObject({
      attachments: ['factur-x.xml'],
      hasJavaScript: true,
      producer: 'Facturation 3000',
      title: 'Facture F-2024-0042',
      kind: 'digital',
    });
  });

  it('rasterises every page when asked, and none when told not to', async () => {
    const bytes = await (await make.digitalInvoice(2)).save();
    expect(inspected(await inspector.inspect(bytes, { rasterise: 'all' })).rasters.map((raster) => raster.page)).toEqual([1, 2]);
    expect(inspected(await inspector.inspect(await make.scannedPdf(), { rasterise: 'none' })).rasters).toEqual([]);
  });
});

describe('scanned PDFs', () => {
  it('finds no text layer, and renders the page at 300 dpi for OCR', async () => {
    const result = inspected(await inspector.inspect(await make.scannedPdf()));
    expect(result).toMatchObject({ kind: 'scanned', pageCount: 1, text: '' });
    expect(result.pages[0]).toMatchObject({ kind: 'scanned', characters: 0, images: 1 });
    const raster = result.rasters[0]!;
    expect({ page: raster.page, format: raster.format, dpi: raster.dpi, width: raster.width, height: raster.height }).toEqual({
      page: 1,
      format: 'png',
      dpi: 300,
      width: 2479,
      height: 3508,
    });
    expect([...raster.bytes.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    // An 8-bit greyscale PNG: the red band (208, 32, 32) comes out as its luma.
    expect(raster.bytes[25]).toBe(0);
    expect(await make.rasterColour(raster.bytes, 0.5, 0.03)).toEqual([84, 84, 84]);
    expect(await make.rasterColour(raster.bytes, 0.5, 0.25)).toEqual([17, 17, 17]);
    expect(await make.rasterColour(raster.bytes, 0.9, 0.9)).toEqual([255, 255, 255]);
  });

  it('renders to JPEG when asked', async () => {
    const raster = inspected(await inspector.inspect(await make.scannedPdf(), { rasterFormat: 'jpeg' })).rasters[0]!;
    expect([raster.format, ...raster.bytes.subarray(0, 3)]).toEqual(['jpeg', 0xff, 0xd8, 0xff]);
    expect(make.near(await make.rasterColour(raster.bytes, 0.5, 0.03), [208, 32, 32])).toBe(true);
  });

  it('tells a mixed document apart and rasterises only its scanned pages', async () => {
    const pdf = await make.digitalInvoice();
    await make.addScannedPage(pdf);
    pdf.addPage([595, 842]);
    const result = inspected(await inspector.inspect(await pdf.save()));
    expect(result.kind).toBe('mixed');
    expect(result.pages.map((page) => page.kind)).toEqual(['text', 'scanned', 'blank']);
    expect(result.rasters.map((raster) => raster.page)).toEqual([2]);
  });

  it('renders a page with an enormous MediaBox at a lower resolution rather than a giant image', async () => {
    const result = inspected(await inspector.inspect(await make.scannedPdf(1, [14_400, 14_400])));
    const raster = result.rasters[0]!;
    expect(raster.width * raster.height).toBeLessThanOrEqual(16_000_000);
    expect(raster.dpi).toBeLessThan(30);
  });
});

describe('refusals', () => {
  it('refuses encrypted PDFs, with a user password or only an owner password', async () => {
    expect(code(await inspector.inspect(await make.encryptedPdf({ userPassword: 'secret', ownerPassword: 'owner' })))).toBe(
      'encrypted-pdf',
    );
    expect(code(await inspector.inspect(await make.encryptedPdf({ ownerPassword: 'owner' })))).toBe('encrypted-pdf');
  });

  it('refuses a PDF over 20 pages, and one with no page', async () => {
    expect(code(await inspector.inspect(await (await make.digitalInvoice(21)).save()))).toBe('too-many-pages');
    expect(code(await inspector.inspect(make.pagelessPdf()))).toBe('empty-pdf');
  });

  it('refuses what neither pdf-lib nor pdf.js can read', async () => {
    const result = await inspector.inspect(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]));
    expect(code(result)).toBe('corrupt-pdf');
    expect(result.outcome === 'refused' && result.message.fr).toContain('abîmé');
  });

  it('still reads a PDF whose cross-reference offsets are wrong (pdf.js rebuilds them)', async () => {
    const bytes = Buffer.from(await (await make.digitalInvoice()).save({ useObjectStreams: false }));
    const text = bytes.toString('latin1').replace(/startxref\s+\d+/, 'startxref\n999999');
    const result = inspected(await inspector.inspect(Buffer.from(text, 'latin1')));
    expect(result.text).toContain('Total TTC 42,00 EUR');
  });
});
