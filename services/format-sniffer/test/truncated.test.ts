import { describe, expect, it } from 'vitest';
import { bytesSource, sniffReceipt, type SniffResult } from '../src/lib.js';
import * as make from './inputs.js';

const sniff = (file: Uint8Array): Promise<SniffResult> => sniffReceipt(bytesSource(file));
const code = (result: SniffResult) => (result.outcome === 'refused' ? result.code : `accepted as ${result.format}`);
const half = (file: Buffer) => file.subarray(0, Math.floor(file.length / 2));
const cut = (file: Buffer, bytes: number) => file.subarray(0, file.length - bytes);

describe('truncated files', () => {
  it.each([
    ['a JPEG cut in half', async () => half(await make.photoJpeg())],
    ['a 2 MB JPEG cut in half', async () => half(await make.photoJpeg(2000, 1500))],
    ['a JPEG without its end marker', async () => cut(await make.photoJpeg(), 2)],
    ['a PNG without IEND', async () => cut(await make.receiptImage('png'), 12)],
    ['a PNG cut in half', async () => half(await make.receiptImage('png'))],
    ['a PDF without %%EOF', async () => cut(await make.invoicePdf(), 7)],
    ['a PDF cut in half', async () => half(await make.invoicePdf(3))],
    ['a WebP cut short', async () => cut(await make.receiptImage('webp'), 100)],
    ['a TIFF cut in half', async () => half(await make.receiptImage('tiff'))],
    ['a 1.4 MB TIFF cut short', async () => cut(await make.noisyTiff(), 5000)],
    ['a HEIC cut short', async () => cut(make.heicBoxes(), 300)],
  ])('refuses %s', async (_name, build) => {
    expect(code(await sniff(await build()))).toBe('truncated');
  });

  it("does not take an EXIF thumbnail's end marker for the image's own", async () => {
    const thumbnail = await make.photoJpeg(64, 48);
    const exif = make.join(make.bytes('Exif\0\0'), Buffer.alloc(20), thumbnail);
    const withThumbnail = make.withSegments(await make.photoJpeg(), make.jpegSegment(0xe1, exif));
    expect(code(await sniff(withThumbnail))).toBe('accepted as jpeg');
    expect(code(await sniff(withThumbnail.subarray(0, withThumbnail.length - 400)))).toBe('truncated');
  });

  it('refuses a JPEG whose segments are broken', async () => {
    const jpeg = await make.photoJpeg();
    const secondSegment = 4 + jpeg.readUInt16BE(4);
    jpeg[secondSegment] = 0x00;
    expect(code(await sniff(jpeg))).toBe('truncated');
  });
});
