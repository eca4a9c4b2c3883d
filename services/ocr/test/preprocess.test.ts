import { readFile } from 'node:fs/promises';
import { generateFixture } from '@ndf/receipt-fixtures';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREPROCESS, estimateLineHeight, estimateSkew, prepareForOcr } from '../src/ocr.js';

async function greyPixels(image: Buffer): Promise<{ pixels: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(image).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

describe('preprocessing for OCR', () => {
  it.each([-4, -1.5, 0, 2.5])('measures a page turned by %s° to within half a degree', async (degrees) => {
    const page = await readFile((await generateFixture(4, 2, 'png')).path);
    const turned = await sharp(page).rotate(degrees, { background: '#555555' }).png().toBuffer();
    const { pixels, width, height } = await greyPixels(turned);
    expect(Math.abs(estimateSkew(pixels, width, height) - degrees)).toBeLessThanOrEqual(0.5);
  });

  it('measures line height in proportion to the print size', async () => {
    const page = await readFile((await generateFixture(4, 5, 'png')).path);
    const { pixels, width, height } = await greyPixels(page);
    const measured = estimateLineHeight(pixels, width, height)!;
    const doubled = await greyPixels(
      await sharp(page)
        .resize({ width: width * 2 })
        .png()
        .toBuffer(),
    );
    expect(estimateLineHeight(doubled.pixels, doubled.width, doubled.height)! / measured).toBeCloseTo(2, 0);
  });

  it('scales lines to the target height and levels a skewed photo', async () => {
    const page = await readFile((await generateFixture(4, 5, 'png')).path);
    const turned = await sharp(page).rotate(3, { background: '#777777' }).jpeg().toBuffer();
    const prepared = await prepareForOcr(turned);
    expect(Math.abs(prepared.skew - 3)).toBeLessThanOrEqual(0.5);
    expect(prepared.lineHeight! * prepared.scale).toBeCloseTo(DEFAULT_PREPROCESS.targetLineHeight, -1);
    expect((await sharp(prepared.image).metadata()).format).toBe('png');
  });

  it('scales an image down to the most pixels the engine is to get, whatever its line height asks', async () => {
    const page = await readFile((await generateFixture(4, 5, 'png')).path);
    const large = await prepareForOcr(page, { ...DEFAULT_PREPROCESS, targetLineHeight: 60 });
    const { width, height } = await sharp(large.image).metadata();
    const capped = await prepareForOcr(page, { ...DEFAULT_PREPROCESS, targetLineHeight: 60, maxOutputPixels: (width * height) / 4 });
    const metadata = await sharp(capped.image).metadata();
    // Within a row and a column of rounding.
    expect(metadata.width * metadata.height).toBeLessThanOrEqual((width * height) / 4 + metadata.width + metadata.height);
    expect(capped.scale).toBeCloseTo(large.scale / 2, 2);
  });

  it('refuses an image over the pixel limit', async () => {
    const big = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    await expect(prepareForOcr(big, { ...DEFAULT_PREPROCESS, maxPixels: 1_000_000 })).rejects.toThrow(/pixel limit/i);
  });
});
