import { readFile } from 'node:fs/promises';
import { generateFixture, type Fixture } from '@ndf/receipt-fixtures';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOcrEngine, type OcrEngine, type OcrPage } from '../src/ocr.js';

/** The total as printed, whatever its decimal mark and thousands separator: "1 234,56" or "1,234.56". */
function totalPattern(fixture: Fixture): RegExp {
  const [whole, cents] = fixture.truth.totalInclVat.split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, "[ .,']?");
  return new RegExp(`${grouped}[.,]${cents}`);
}

function expectWellFormed(page: OcrPage): void {
  const lines = page.text.split('\n').length;
  expect(page.words.length).toBeGreaterThan(10);
  for (const word of page.words) {
    expect(word.confidence).toBeGreaterThanOrEqual(0);
    expect(word.confidence).toBeLessThanOrEqual(100);
    expect(word.box.x0).toBeGreaterThanOrEqual(0);
    expect(word.box.x1).toBeLessThanOrEqual(page.width + 2);
    expect(word.box.y1).toBeLessThanOrEqual(page.height + 2);
    expect(word.line).toBeLessThan(lines);
    expect(page.text.split('\n')[word.line]).toContain(word.text);
  }
}

describe('createOcrEngine', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine({ workers: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it('reads a clean receipt scan: its merchant and total, with words, boxes and confidences', async () => {
    const fixture = await generateFixture(2, 1, 'png');
    const page = await engine.recognize(await readFile(fixture.path));
    expect(page.text.toUpperCase()).toContain(fixture.truth.merchant);
    expect(page.text).toMatch(totalPattern(fixture));
    expect(page.confidence).toBeGreaterThan(70);
    expectWellFormed(page);
    const { width, height } = await sharp(fixture.path).metadata();
    expect([page.width, page.height]).toEqual([width, height]);
  });

  it('turns a photo upright from its EXIF orientation before reading it', async () => {
    const fixture = await generateFixture(2, 3, 'png');
    const upright = await sharp(fixture.path).metadata();
    // Pixels stored a quarter turn anticlockwise, with the tag that says "turn clockwise to view" (6).
    const sideways = await sharp(fixture.path).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const page = await engine.recognize(sideways);
    expect([page.width, page.height]).toEqual([upright.width, upright.height]);
    expect(page.text).toMatch(totalPattern(fixture));
    expectWellFormed(page);
  });

  it('stops a job when its signal aborts, and the next job is read in full', async () => {
    const fixture = await generateFixture(2, 6, 'png');
    const image = await readFile(fixture.path);
    const controller = new AbortController();
    const job = engine.recognize(image, { signal: controller.signal });
    setImmediate(() => controller.abort(new Error('deadline')));
    await expect(job).rejects.toMatchObject({ name: 'AbortError' });
    const page = await engine.recognize(image);
    expect(page.text).toMatch(totalPattern(fixture));
  });

  it('rejects bytes that are not an image, and goes on working', async () => {
    await expect(engine.recognize(Buffer.from('%PDF-1.7 not an image'))).rejects.toThrow();
    await expect(engine.recognize(Buffer.alloc(0))).rejects.toThrow();
    const fixture = await generateFixture(2, 1, 'png');
    await expect(engine.recognize(await readFile(fixture.path))).resolves.toMatchObject({ languages: ['eng', 'fra'] });
  });
});
