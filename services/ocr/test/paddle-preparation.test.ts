import { readFile } from 'node:fs/promises';
import { generateFixture } from '@ndf/receipt-fixtures';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateLineHeight, prepareForPaddle, type PaddlePreparation, type PaddleStep } from '../src/ocr.js';

const ticket = async () => readFile((await generateFixture(4, 5, 'png')).path);
const prepare = (image: Buffer, steps: readonly PaddleStep[], maxPixels = 2_500_000) =>
  prepareForPaddle(image, { steps, maxPixels, targetLineHeight: 32 } satisfies PaddlePreparation);

/** A ticket as faded thermal paper prints it: grey on grey. */
const fadedTicket = async () =>
  sharp(await ticket())
    .greyscale()
    .linear(0.35, 160)
    .png()
    .toBuffer();

async function greyStats(image: Buffer): Promise<{ min: number; max: number; stdev: number }> {
  const { channels } = await sharp(image).greyscale().stats();
  const [grey] = channels;
  return { min: grey!.min, max: grey!.max, stdev: grey!.stdev };
}

describe('preparing an image for PaddleOCR, step by step', () => {
  it('with no step, gives the image upright, as it is, within the pixel cap', async () => {
    const page = await ticket();
    const source = await sharp(page).metadata();
    const prepared = await prepare(page, [], (source.width * source.height) / 4);
    const metadata = await sharp(prepared.image).metadata();
    expect([prepared.width, prepared.height, prepared.skew, prepared.left, prepared.top]).toEqual([source.width, source.height, 0, 0, 0]);
    expect(metadata.width).toBe(Math.round(source.width / 2));
    expect(prepared.scale).toBeCloseTo(0.5, 2);
  });

  it('deskew: turns a skewed ticket level, and only when asked', async () => {
    const turned = await sharp(await ticket())
      .rotate(3, { background: '#ffffff' })
      .png()
      .toBuffer();
    expect(Math.abs((await prepare(turned, ['deskew'])).skew - 3)).toBeLessThanOrEqual(0.5);
    expect((await prepare(turned, [])).skew).toBe(0);
  });

  it('deskew: leaves a ticket less than a degree off level as it is', async () => {
    const turned = await sharp(await ticket())
      .rotate(0.75, { background: '#ffffff' })
      .png()
      .toBuffer();
    expect((await prepare(turned, ['deskew'])).skew).toBe(0);
  });

  it('deskew: turns a wide ticket a degree off level, whose right end the slope lifts by half a line or more', async () => {
    const page = await ticket();
    const { width, height } = await sharp(page).metadata();
    // Three copies side by side: text three times as wide, lines as high.
    const wide = await sharp({ create: { width: 3 * width, height, channels: 3, background: '#ffffff' } })
      .composite([0, 1, 2].map((copy) => ({ input: page, left: copy * width, top: 0 })))
      .png()
      .toBuffer();
    const turned = await sharp(wide).rotate(1.2, { background: '#ffffff' }).png().toBuffer();
    expect(Math.abs((await prepare(turned, ['deskew'])).skew - 1.2)).toBeLessThanOrEqual(0.4);
  });

  it("crop: cuts the scanner's empty page off around the ticket, and says where the ticket starts", async () => {
    const page = await ticket();
    const { width, height } = await sharp(page).metadata();
    const [left, top] = [2 * width, height];
    const scan = await sharp(page)
      .extend({ left, top, right: 2 * width, bottom: height, background: '#ffffff' })
      .png()
      .toBuffer();
    const cropped = await prepare(scan, ['crop']);
    const kept = await sharp(cropped.image).metadata();
    // The ticket and a margin: far less than the 5 × 3 page around it, all of the ticket.
    expect((kept.width * kept.height) / cropped.scale ** 2).toBeLessThan(3 * width * height);
    expect(cropped.left).toBeGreaterThan(left - width / 2);
    expect(cropped.left).toBeLessThanOrEqual(left);
    expect(cropped.top).toBeGreaterThan(top - height / 2);
    expect(cropped.top).toBeLessThanOrEqual(top);
    expect(cropped.left + kept.width / cropped.scale).toBeGreaterThanOrEqual(left + width - 2);
    expect(cropped.top + kept.height / cropped.scale).toBeGreaterThanOrEqual(top + height - 2);
    // The pixel cap then spends its pixels on the ticket: it is read at a larger scale than the whole page.
    expect(cropped.scale).toBeGreaterThan((await prepare(scan, [])).scale * 1.5);
  });

  it('contrast: stretches the grey levels of a faded ticket', async () => {
    const faded = await fadedTicket();
    const before = await greyStats((await prepare(faded, [])).image);
    const after = await greyStats((await prepare(faded, ['contrast'])).image);
    expect(after.max - after.min).toBeGreaterThan((before.max - before.min) * 2);
  });

  it('clahe: raises the local contrast of a faded ticket', async () => {
    const faded = await fadedTicket();
    const before = await greyStats((await prepare(faded, [])).image);
    const after = await greyStats((await prepare(faded, ['clahe'])).image);
    // Limited by its slope, so that the paper's grain is not magnified as much as the print.
    expect(after.stdev).toBeGreaterThan(before.stdev * 1.1);
    expect(after.min).toBeLessThan(before.min - 20);
  });

  it('upscale: scales small print up to the target line height, and leaves large print alone', async () => {
    const page = await ticket();
    const { width } = await sharp(page).metadata();
    const grey = await sharp(page).greyscale().extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const lineHeight = estimateLineHeight(new Uint8Array(grey.data), grey.info.width, grey.info.height)!;
    const factor = 14 / lineHeight;
    const small = await sharp(page)
      .resize({ width: Math.round(width * factor) })
      .png()
      .toBuffer();
    const upscaled = await prepare(small, ['upscale']);
    expect(upscaled.scale).toBeGreaterThan(1.8);
    expect(upscaled.scale).toBeLessThan(2.8);
    expect((await prepare(small, [])).scale).toBe(1);
    const large = await sharp(page)
      .resize({ width: Math.round(width * (40 / lineHeight)) })
      .png()
      .toBuffer();
    expect((await prepare(large, ['upscale'])).scale).toBe(1);
  });
});
