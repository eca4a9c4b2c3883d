import { readFile } from 'node:fs/promises';
import { generateFixture, pngDecompressionBomb } from '@ndf/receipt-fixtures';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hammingDistance, IMAGE_DISTANCE_THRESHOLD, ImageHashError, receiptImageHash } from '../src/index.js';

// Real images: the synthetic receipts of series 1 (a clean scan and a phone photo of each).
const scanOf = async (index: number): Promise<Buffer> => readFile((await generateFixture(1, index, 'png')).path);
const photoOf = async (index: number): Promise<Buffer> => readFile((await generateFixture(1, index, 'photo')).path);
const RECEIPTS = [0, 1, 2, 3, 4, 5];

describe('the perceptual hash of a receipt image', () => {
  it('is 16 hex digits, the same for the same bytes', async () => {
    const scan = await scanOf(0);
    const hash = await receiptImageHash(scan);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await receiptImageHash(scan)).toBe(hash);
  });

  it('barely moves when the scan is re-encoded as JPEG or halved', async () => {
    for (const index of RECEIPTS) {
      const scan = await scanOf(index);
      const hash = await receiptImageHash(scan);
      const width = (await sharp(scan).metadata()).width;
      const jpeg = await sharp(scan).jpeg({ quality: 60 }).toBuffer();
      const half = await sharp(scan)
        .resize({ width: Math.round(width / 2) })
        .png()
        .toBuffer();
      // Measured 0 to 4 bits of 64 on 40 receipts (npm run bench -- image-hash).
      expect(hammingDistance(hash, await receiptImageHash(jpeg)), `receipt ${index} as JPEG`).toBeLessThanOrEqual(4);
      expect(hammingDistance(hash, await receiptImageHash(half)), `receipt ${index} halved`).toBeLessThanOrEqual(4);
    }
  });

  it('finds the same receipt photographed, turned, unevenly lit and stored sideways under EXIF', async () => {
    // Receipt 10's photo is stored turned under EXIF orientation 6; 3 and 4 are upright.
    for (const index of [3, 4, 10]) {
      const distance = hammingDistance(await receiptImageHash(await scanOf(index)), await receiptImageHash(await photoOf(index)));
      expect(distance, `receipt ${index}`).toBeLessThanOrEqual(IMAGE_DISTANCE_THRESHOLD);
    }
    expect((await generateFixture(1, 10, 'photo')).photo?.exifOrientation).toBe(6);
  });

  it('keeps different receipts apart, scans and photos alike', async () => {
    const hashes = await Promise.all(
      RECEIPTS.flatMap((index) => [scanOf(index), photoOf(index)]).map(async (bytes) => receiptImageHash(await bytes)),
    );
    for (let i = 0; i < hashes.length; i += 1)
      for (let j = i + 1; j < hashes.length; j += 1) {
        if (Math.floor(i / 2) === Math.floor(j / 2)) continue; // the same receipt's scan and photo
        expect(hammingDistance(hashes[i]!, hashes[j]!), `${i} against ${j}`).toBeGreaterThan(IMAGE_DISTANCE_THRESHOLD);
      }
  });

  it('refuses bytes that are not an image with a typed error', async () => {
    await expect(receiptImageHash(Buffer.from('%PDF-1.7 not an image'))).rejects.toThrow(ImageHashError);
    await expect(receiptImageHash(Buffer.from('%PDF-1.7 not an image'))).rejects.toMatchObject({ field: 'image' });
  });
});

describe('pictures that are no receipt', () => {
  it('refuses a picture too small to hold a receipt, a blank page and a decompression bomb', async () => {
    const tiny = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const blank = await sharp({ create: { width: 600, height: 900, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    await expect(receiptImageHash(tiny)).rejects.toMatchObject({ name: 'ImageHashError', message: expect.stringContaining('too small') });
    await expect(receiptImageHash(blank)).rejects.toMatchObject({ name: 'ImageHashError', message: expect.stringContaining('no print') });
    await expect(receiptImageHash(pngDecompressionBomb(20_000))).rejects.toThrow(ImageHashError);
  });
});
