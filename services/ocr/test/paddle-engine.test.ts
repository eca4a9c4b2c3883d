import { readFile } from 'node:fs/promises';
import { generateFixture } from '@ndf/receipt-fixtures';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaddleOcrEngine, type OcrEngine } from '../src/ocr.js';

/** The fixture's total as the renderer prints it, whatever its decimal mark. */
const totalPattern = (total: string) => new RegExp(total.replace('.', '[.,]'));

describe('createPaddleOcrEngine (PP-OCRv4 on ONNX Runtime)', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createPaddleOcrEngine({ threads: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads a clean receipt scan: its total, in rows of words with boxes and confidences inside the image', async () => {
    const fixture = await generateFixture(2, 1, 'png');
    const page = await engine.recognize(await readFile(fixture.path));
    expect(page.text).toMatch(totalPattern(fixture.truth.totalInclVat));
    const { width, height } = await sharp(fixture.path).metadata();
    expect([page.width, page.height]).toEqual([width, height]);
    expect(page.words.length).toBeGreaterThan(10);
    const lines = page.text.split('\n');
    for (const word of page.words) {
      expect(lines[word.line]).toContain(word.text);
      expect(word.confidence).toBeGreaterThan(0);
      expect(word.confidence).toBeLessThanOrEqual(100);
      expect(word.box.x1).toBeLessThanOrEqual(page.width + 2);
      expect(word.box.y1).toBeLessThanOrEqual(page.height + 2);
    }
  });

  it("reads a large scan scaled down, its boxes in the scan's own pixels", async () => {
    const fixture = await generateFixture(2, 1, 'png');
    const source = await sharp(fixture.path).metadata();
    const factor = Math.ceil(Math.sqrt(6_000_000 / (source.width * source.height)));
    const large = await sharp(fixture.path)
      .resize({ width: source.width * factor })
      .png()
      .toBuffer();
    const page = await engine.recognize(large);
    expect(page.text).toMatch(totalPattern(fixture.truth.totalInclVat));
    expect([page.width, page.height]).toEqual([source.width * factor, source.height * factor]);
    expect(Math.max(...page.words.map((word) => word.box.x1))).toBeGreaterThan(page.width / 2);
    for (const word of page.words) expect(word.box.x1).toBeLessThanOrEqual(page.width + 2 * factor);
  });

  it('reads a receipt prepared as for tesseract when asked to', async () => {
    const prepared = await createPaddleOcrEngine({ threads: 1, preprocess: {} });
    try {
      const fixture = await generateFixture(2, 1, 'png');
      const page = await prepared.recognize(await readFile(fixture.path));
      expect(page.text).toMatch(totalPattern(fixture.truth.totalInclVat));
      const { width, height } = await sharp(fixture.path).metadata();
      expect([page.width, page.height]).toEqual([width, height]);
    } finally {
      await prepared.close();
    }
  });

  it("reads a ticket on a scanner's empty page cropped to the ticket, its boxes in the page's pixels", async () => {
    const cropping = await createPaddleOcrEngine({ threads: 1, steps: ['crop'] });
    try {
      const fixture = await generateFixture(2, 1, 'png');
      const { width, height } = await sharp(fixture.path).metadata();
      const top = Math.round(height / 2);
      const scan = await sharp(fixture.path)
        .extend({ left: width, top, right: width, bottom: height, background: '#ffffff' })
        .png()
        .toBuffer();
      const page = await cropping.recognize(scan);
      expect(page.text).toMatch(totalPattern(fixture.truth.totalInclVat));
      expect([page.width, page.height]).toEqual([3 * width, top + 2 * height]);
      for (const word of page.words) {
        expect(word.box.x0).toBeGreaterThanOrEqual(width - 2);
        expect(word.box.x1).toBeLessThanOrEqual(2 * width + 2);
        expect(word.box.y0).toBeGreaterThanOrEqual(top - 2);
        expect(word.box.y1).toBeLessThanOrEqual(top + height + 2);
      }
    } finally {
      await cropping.close();
    }
  });

  it('answers an aborted job with an AbortError at once, and reads the next in full', async () => {
    const fixture = await generateFixture(2, 6, 'png');
    const image = await readFile(fixture.path);
    const controller = new AbortController();
    const job = engine.recognize(image, { signal: controller.signal });
    setImmediate(() => controller.abort(new Error('deadline')));
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    expect((await engine.recognize(image)).text).toMatch(totalPattern(fixture.truth.totalInclVat));
  });

  it('rejects bytes that are not an image, and goes on working', async () => {
    await expect(engine.recognize(Buffer.from('%PDF-1.7 not an image'))).rejects.toThrow();
    const fixture = await generateFixture(2, 1, 'png');
    await expect(engine.recognize(await readFile(fixture.path))).resolves.toMatchObject({ languages: ['ch_PP-OCRv4'] });
  });
});
