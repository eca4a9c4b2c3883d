import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { normaliseImage, type EncodedImage, type Normalised, type NormaliseResult } from '../src/lib.js';
import * as make from './images.js';

const normalised = (result: NormaliseResult): Normalised => {
  if (result.outcome !== 'normalised') throw new Error(`refused: ${result.code} (${result.detail})`);
  return result;
};
const code = (result: NormaliseResult) => (result.outcome === 'refused' ? result.code : 'normalised');
const copies = (result: Normalised): EncodedImage[] => [
  ...result.pages.map((page) => page.display),
  ...result.thumbnails.map((thumbnail) => thumbnail.image),
];

/** No EXIF (so no GPS), XMP, IPTC or ICC profile, read by libvips and by walking the file's own segments or chunks. */
async function expectNoMetadata(image: EncodedImage): Promise<void> {
  const metadata = await sharp(image.bytes).metadata();
  expect({ exif: metadata.exif, xmp: metadata.xmp, iptc: metadata.iptc, icc: metadata.icc, orientation: metadata.orientation }).toEqual({
    exif: undefined,
    xmp: undefined,
    iptc: undefined,
    icc: undefined,
    orientation: undefined,
  });
  if (image.format === 'jpeg')
    expect(make.jpegSegments(image.bytes).filter((name) => name.startsWith('APP') && name !== 'APP0')).toEqual([]);
  else expect(make.pngChunkTypes(image.bytes).filter((type) => ['eXIf', 'iTXt', 'tEXt', 'zTXt', 'iCCP'].includes(type))).toEqual([]);
  expect(Buffer.from(image.bytes).includes('Exif\0\0')).toBe(false);
}

async function expectUpright(image: Uint8Array): Promise<void> {
  expect(make.near(await make.colourAt(image, 0.6, 0.1), make.RED)).toBe(true);
  expect(make.near(await make.colourAt(image, 0.6, 0.9), make.BLUE)).toBe(true);
  expect(make.near(await make.colourAt(image, 0.02, 0.5), make.GREEN)).toBe(true);
}

describe('phone photos', () => {
  it('applies the EXIF orientation, strips EXIF and GPS from every copy, and leaves the original as it was', async () => {
    const photo = await make.exifRotatedJpeg(6);
    const before = createHash('sha256').update(photo).digest('hex');
    const input = await sharp(photo).metadata();
    expect({ width: input.width, height: input.height, orientation: input.orientation }).toEqual({
      width: 900,
      height: 600,
      orientation: 6,
    });
    expect(exifReader(input.exif!).GPSInfo?.GPSLatitude).toEqual([48, 51, 24]);

    const result = normalised(await normaliseImage(photo));
    expect(result.source).toMatchObject({ format: 'jpeg', orientation: 6, decoder: 'libvips' });
    const display = result.pages[0]!.display;
    expect({ format: display.format, width: display.width, height: display.height }).toEqual({ format: 'jpeg', width: 600, height: 900 });
    await expectUpright(display.bytes);
    for (const copy of copies(result)) await expectNoMetadata(copy);
    expect(createHash('sha256').update(photo).digest('hex')).toBe(before);
  });

  it.each([1, 2, 3, 4, 5, 7, 8])('shows a photo stored with EXIF orientation %i upright', async (orientation) => {
    const result = normalised(await normaliseImage(await make.exifRotatedJpeg(orientation)));
    expect(result.pages[0]!.display).toMatchObject({ width: 600, height: 900 });
    await expectUpright(result.pages[0]!.display.bytes);
  });

  it('makes thumbnails that fit in 200 and 800 px squares', async () => {
    const result = normalised(await normaliseImage(await make.exifRotatedJpeg(6, 1200, 1800)));
    expect(result.thumbnails.map(({ side, image }) => [side, image.width, image.height, image.format])).toEqual([
      [200, 133, 200, 'jpeg'],
      [800, 533, 800, 'jpeg'],
    ]);
    await expectUpright(result.thumbnails[0]!.image.bytes);
  });

  it('bounds the display copy of a 24-megapixel photo', async () => {
    const big = await make.uprightReceipt(6000, 4000).jpeg().toBuffer();
    const display = normalised(await normaliseImage(big)).pages[0]!.display;
    expect(display.width * display.height).toBeLessThanOrEqual(8_000_000);
    expect(display.width / display.height).toBeCloseTo(1.5, 2);
  });

  it('keeps a long till roll tall enough to read', async () => {
    const roll = await make.uprightReceipt(800, 5000).png().toBuffer();
    const display = normalised(await normaliseImage(roll)).pages[0]!.display;
    expect([display.width, display.height]).toEqual([655, 4096]);
  });
});

describe('colour and format', () => {
  it('converts a CMYK JPEG to sRGB', async () => {
    const cmyk = await make.uprightReceipt().toColourspace('cmyk').jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const display = normalised(await normaliseImage(cmyk)).pages[0]!.display;
    const metadata = await sharp(display.bytes).metadata();
    expect({ space: metadata.space, channels: metadata.channels }).toEqual({ space: 'srgb', channels: 3 });
    // CMYK cannot hold these saturated colours exactly: which channel leads is what survives the round trip.
    const leading = async (x: number, y: number) =>
      (await make.colourAt(display.bytes, x, y)).reduce((best, value, index, all) => (value > all[best]! ? index : best), 0);
    expect([await leading(0.6, 0.1), await leading(0.6, 0.9), await leading(0.02, 0.5)]).toEqual([0, 2, 1]);
  });

  it('keeps a lossless PNG copy of a PNG, flattened on white and in 8 bits', async () => {
    const transparent = await sharp({ create: { width: 600, height: 800, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const display = normalised(await normaliseImage(transparent)).pages[0]!.display;
    const metadata = await sharp(display.bytes).metadata();
    expect({ format: display.format, channels: metadata.channels, depth: metadata.depth, hasAlpha: metadata.hasAlpha }).toEqual({
      format: 'png',
      channels: 3,
      depth: 'uchar',
      hasAlpha: false,
    });
    expect(await make.colourAt(display.bytes, 0.5, 0.5)).toEqual([255, 255, 255]);
    await expectNoMetadata(display);

    const sixteenBits = await make.uprightReceipt().toColourspace('rgb16').png().toBuffer();
    expect((await sharp(sixteenBits).metadata()).depth).toBe('ushort');
    expect((await sharp(normalised(await normaliseImage(sixteenBits)).pages[0]!.display.bytes).metadata()).depth).toBe('uchar');
  });

  it('normalises every page of a multi-page TIFF, and refuses one with too many pages', async () => {
    const tiff = await make.multiPageTiff(['#d02020', '#20b020', '#2040d0']);
    const result = normalised(await normaliseImage(tiff));
    expect(result.pages.map((page) => page.page)).toEqual([0, 1, 2]);
    const colours = await Promise.all(result.pages.map((page) => make.colourAt(page.display.bytes, 0.5, 0.5)));
    expect(colours.map((colour, index) => make.near(colour, [make.RED, make.GREEN, make.BLUE][index]!))).toEqual([true, true, true]);
    expect(make.near(await make.colourAt(result.thumbnails[0]!.image.bytes, 0.5, 0.5), make.RED)).toBe(true);

    expect(code(await normaliseImage(tiff, { limits: { maxPages: 2 } }))).toBe('too-many-pages');
    expect(code(await normaliseImage(tiff, { limits: { maxTotalPixels: 1_000_000 } }))).toBe('too-many-pixels');
  });
});

describe('HEIC from an iPhone (HEVC)', () => {
  const heic = readFileSync(new URL('./fixtures/receipt-hevc.heic', import.meta.url));

  it('is something npm’s libvips alone cannot decode', async () => {
    expect((await sharp(heic).metadata()).compression).toBe('hevc');
    await expect(sharp(heic).png().toBuffer()).rejects.toThrow();
  });

  it('is decoded with libheif in WebAssembly, upright, without its EXIF and GPS', async () => {
    expect(exifReader((await sharp(heic).metadata()).exif!).GPSInfo?.GPSLatitudeRef).toBe('N');
    const result = normalised(await normaliseImage(heic));
    expect(result.source).toMatchObject({ format: 'heif', decoder: 'libheif-wasm', width: 480, height: 640 });
    const display = result.pages[0]!.display;
    expect({ format: display.format, width: display.width, height: display.height }).toEqual({ format: 'jpeg', width: 480, height: 640 });
    await expectUpright(display.bytes);
    for (const copy of copies(result)) await expectNoMetadata(copy);
  });

  it('checks the pixel limit before decoding', async () => {
    const result = await normaliseImage(heic, { limits: { maxInputPixels: 100_000 } });
    expect(code(result)).toBe('too-many-pixels');
  });

  it('refuses, from its header, an HEVC photo over the lower limit of what is decoded in WebAssembly', async () => {
    const result = await normaliseImage(heic, { limits: { maxHevcPixels: 480 * 640 - 1 } });
    expect(code(result)).toBe('too-many-pixels');
    expect(result.outcome === 'refused' && result.detail).toContain('480 x 640');
    expect(code(await normaliseImage(heic, { limits: { maxHevcPixels: 480 * 640 } }))).toBe('normalised');
  });

  it('decodes in a thread that is stopped past its time: a refusal, and the next photo is decoded', async () => {
    expect(code(await normaliseImage(heic, { limits: { hevcTimeoutMs: 1 } }))).toBe('processing-timeout');
    expect(code(await normaliseImage(heic))).toBe('normalised');
  });
});

describe('refusals', () => {
  it('refuses a real decompression bomb (a valid 400-megapixel PNG of 50 KB) from its header', async () => {
    const bomb = make.pngBomb();
    expect(bomb.length).toBeLessThan(100_000);
    const result = await normaliseImage(bomb);
    expect(code(result)).toBe('too-many-pixels');
    expect(result.outcome === 'refused' && result.detail).toContain('20000 x 20000');
  });

  it('refuses crafted PNG and JPEG headers claiming huge dimensions, before decoding their broken data', async () => {
    expect(code(await normaliseImage(make.pngFromParts(65_535, 65_535, 8, 2, Buffer.from('not deflate data'))))).toBe('too-many-pixels');
    const jpeg = await make.uprightReceipt().jpeg().toBuffer();
    expect(code(await normaliseImage(make.withJpegDimensions(jpeg, 60_000, 60_000)))).toBe('too-many-pixels');
  });

  it('refuses the same broken data under sane dimensions as undecodable, not as a bomb', async () => {
    expect(code(await normaliseImage(make.pngFromParts(600, 800, 8, 2, Buffer.from('not deflate data'))))).toBe('undecodable');
    const jpeg = await make.uprightReceipt().jpeg().toBuffer();
    expect(code(await normaliseImage(jpeg.subarray(0, 200)))).toBe('undecodable');
  });

  it('refuses images too small to be a receipt', async () => {
    expect(code(await normaliseImage(await make.uprightReceipt(200, 150).png().toBuffer()))).toBe('too-small');
    expect(code(await normaliseImage(await make.uprightReceipt(320, 400).jpeg().toBuffer()))).toBe('too-small');
  });

  it('refuses what is not an accepted image', async () => {
    expect(code(await normaliseImage(await make.uprightReceipt().gif().toBuffer()))).toBe('unsupported-format');
    expect(
      code(
        await normaliseImage(
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><script>alert(1)</script></svg>'),
        ),
      ),
    ).toBe('unsupported-format');
    expect(code(await normaliseImage(Buffer.from('<html><body>not an image</body></html>')))).toBe('unsupported-format');
    expect(code(await normaliseImage(new Uint8Array(0)))).toBe('unsupported-format');
    const avif = await make.uprightReceipt().avif().toBuffer();
    expect(normalised(await normaliseImage(avif)).source).toMatchObject({ format: 'heif', decoder: 'libvips' });
  });

  it('refuses an image that runs past its time budget as a processing timeout, not an error', async () => {
    const result = await normaliseImage(await make.exifRotatedJpeg(6), { limits: { budgetMs: -1 } });
    expect(code(result)).toBe('processing-timeout');
    expect(result.outcome === 'refused' && result.message.en).toContain('takes too long');
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    await expect(normaliseImage(await make.exifRotatedJpeg(6), { signal: controller.signal })).rejects.toThrow('deadline');
  });

  it('gives every refusal a French and an English text', async () => {
    const result = await normaliseImage(make.pngBomb());
    expect(result.outcome === 'refused' && [result.message.fr.length > 20, result.message.en.length > 20]).toEqual([true, true]);
  });
});
