import { describe, expect, it } from 'vitest';
import { bytesSource, sniffReceipt, type SniffResult } from '../src/lib.js';
import * as make from './inputs.js';

const sniff = (file: Uint8Array): Promise<SniffResult> => sniffReceipt(bytesSource(file));
const code = (result: SniffResult) => (result.outcome === 'refused' ? result.code : `accepted as ${result.format}`);
const smallZip = () => make.zip([{ name: 'payload.html', data: make.bytes('<script>alert(1)</script>') }]);

describe('polyglots', () => {
  it.each([
    ['a JPEG with a ZIP appended', async () => make.join(await make.photoJpeg(), smallZip())],
    ['a PDF with a ZIP appended', async () => make.join(await make.invoicePdf(), smallZip())],
    ['a PNG with a ZIP appended', async () => make.join(await make.receiptImage('png'), smallZip())],
    ['a GIFAR (GIF + JAR)', async () => make.join(await make.receiptImage('gif'), make.jar())],
    ['a PDF behind an HTML page', async () => make.join(make.bytes('<html><body>Invoice</body></html>\n'), await make.invoicePdf())],
    [
      'a JPEG whose comment holds a script tag',
      async () => make.withSegments(await make.photoJpeg(), make.jpegSegment(0xfe, make.bytes('<script>fetch("//x")</script>'))),
    ],
    ['a JPEG with a PDF appended', async () => make.join(await make.photoJpeg(), await make.invoicePdf())],
    ['a PNG with a Windows program appended', async () => make.join(await make.receiptImage('png'), make.windowsExe())],
    ['a JPEG with a RAR appended', async () => make.join(await make.photoJpeg(), make.rar())],
    ['a JPEG with HTML appended', async () => make.join(await make.photoJpeg(), make.bytes('<html><script>alert(1)</script></html>'))],
  ])('refuses %s', async (_name, build) => {
    const result = await sniff(await build());
    expect(code(result)).toBe('polyglot');
    expect(result.outcome === 'refused' && result.detail).toBeTruthy();
  });

  it('finds a ZIP appended to a 2 MB photo from the tail alone', async () => {
    const file = make.join(await make.photoJpeg(2000, 1500), smallZip());
    const result = await sniff(file);
    expect(code(result)).toBe('polyglot');
    expect(result.bytesRead).toBeLessThan(file.length / 10);
  });

  it('tolerates padding and vendor data after the end marker', async () => {
    const jpeg = await make.photoJpeg();
    expect(await sniff(make.join(jpeg, Buffer.alloc(3000)))).toMatchObject({ outcome: 'accepted', trailingBytes: 3000 });
    expect(await sniff(make.join(jpeg, make.noise(500, 3)))).toMatchObject({ outcome: 'accepted', trailingBytes: 500 });
  });

  it('takes a PDF behind blank lines (a stray newline from its generator) for a PDF', async () => {
    expect(await sniff(make.join(make.bytes('\r\n\n'), await make.invoicePdf()))).toMatchObject({ outcome: 'accepted', format: 'pdf' });
  });

  it('checks only the last ZIP end records, however many the tail holds', async () => {
    const fakes = Buffer.concat(
      Array.from({ length: 5000 }, () =>
        make.join(make.bytes('PK\x05\x06'), Buffer.from([0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0])),
      ),
    );
    const file = make.join(await make.photoJpeg(2000, 1500), fakes);
    let reads = 0;
    const counting = { size: file.length, read: (start: number, end: number) => (reads++, Promise.resolve(file.subarray(start, end))) };
    await sniffReceipt(counting);
    expect(reads).toBeLessThan(20);
  });

  it('is not fooled by the bytes of a ZIP end record that point to no ZIP directory', async () => {
    const comment = make.join(make.bytes('PK\x05\x06'), make.noise(30, 9));
    const result = await sniff(make.withSegments(await make.photoJpeg(), make.jpegSegment(0xfe, comment)));
    expect(result).toMatchObject({ outcome: 'accepted', format: 'jpeg' });
  });
});

describe('motion photos', () => {
  const video = () =>
    make.join(
      Buffer.from([0, 0, 0, 24]),
      make.bytes('ftypmp42\0\0\0\0mp42isom'),
      Buffer.from([0, 3, 0, 8]),
      make.bytes('mdat'),
      Buffer.alloc(200_000 - 8),
    );

  it('accepts a JPEG whose XMP declares the MP4 that follows it', async () => {
    const movie = video();
    const xmp = make.bytes(
      `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description GCamera:MicroVideo="1" GCamera:MicroVideoOffset="${movie.length}"/></x:xmpmeta>`,
    );
    const file = make.join(make.withSegments(await make.photoJpeg(1200, 900), make.jpegSegment(0xe1, xmp)), movie);
    expect(await sniff(file)).toMatchObject({ outcome: 'accepted', format: 'jpeg', trailingBytes: movie.length });
  });

  it('refuses as truncated a JPEG followed by a long video it does not declare', async () => {
    expect(code(await sniff(make.join(await make.photoJpeg(1200, 900), video())))).toBe('truncated');
  });
});
