import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReceipt, documentText, generateFixture, generateFixtures } from '../src/index.js';

const cents = (value: string) => Math.round(Number(value) * 100);

describe('composeReceipt', () => {
  it('gives the same receipt for the same seed and index, and another for another index', () => {
    expect(composeReceipt(7, 3)).toEqual(composeReceipt(7, 3));
    expect(documentText(composeReceipt(7, 3))).not.toEqual(documentText(composeReceipt(7, 4)));
  });

  it('keeps its ground truth consistent: HT + VAT = TTC, and the truth is printed', () => {
    for (let index = 0; index < 200; index++) {
      const document = composeReceipt(11, index);
      const { truth } = document;
      const vat = truth.vatLines.reduce((sum, line) => sum + cents(line.amount), 0);
      expect(cents(truth.totalExclVat) + vat, truth.id).toBe(cents(truth.totalInclVat));
      expect(truth.date, truth.id).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
      expect(documentText(document), truth.id).toContain(truth.merchant);
    }
  });

  it('gives each receipt an upload time one to five days after its date, so that its date reads the same whenever it is parsed', () => {
    for (let index = 0; index < 50; index++) {
      const { truth } = composeReceipt(11, index);
      const days = (Date.parse(truth.uploadedAt) - Date.parse(`${truth.date}T00:00:00Z`)) / 86_400_000;
      expect(days, truth.id).toBeGreaterThanOrEqual(1);
      expect(days, truth.id).toBeLessThan(6);
    }
  });

  it('varies kinds, languages and currencies', () => {
    const truths = Array.from({ length: 64 }, (_, index) => composeReceipt(5, index).truth);
    expect(new Set(truths.map((truth) => truth.kind)).size).toBe(8);
    expect(new Set(truths.map((truth) => truth.language))).toEqual(new Set(['fr', 'en']));
    expect(new Set(truths.map((truth) => truth.currency))).toEqual(new Set(['EUR', 'GBP', 'USD', 'CHF']));
  });
});

describe('generateFixture', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'receipt-fixtures-'));
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('renders a clean scan as a PNG of the receipt', async () => {
    const fixture = await generateFixture(3, 0, 'png', { cacheDir });
    const metadata = await sharp(fixture.path).metadata();
    expect(metadata.format).toBe('png');
    expect(metadata.width).toBeGreaterThan(300);
    expect(metadata.height).toBeGreaterThan(metadata.width! * 0.5);
  });

  it('renders photos as JPEGs, some stored sideways under an EXIF orientation tag', async () => {
    const photos = await generateFixtures({ seed: 3, count: 12, format: 'photo', cacheDir });
    const orientations = await Promise.all(
      photos.map(async (fixture) => ({ expected: fixture.photo!.exifOrientation, metadata: await sharp(fixture.path).metadata() })),
    );
    for (const { expected, metadata } of orientations) {
      expect(metadata.format).toBe('jpeg');
      expect(metadata.orientation ?? 1).toBe(expected);
    }
    expect(orientations.some(({ expected }) => expected !== 1)).toBe(true);
  });

  it('makes digital PDFs with a text font and scanned PDFs with an image and no font', async () => {
    const digital = (await readFile((await generateFixture(3, 7, 'pdf-digital', { cacheDir })).path)).toString('latin1');
    const scanned = (await readFile((await generateFixture(3, 7, 'pdf-scanned', { cacheDir })).path)).toString('latin1');
    expect(digital.startsWith('%PDF-')).toBe(true);
    expect(digital).toMatch(/\/Type\s*\/Font/);
    expect(scanned).toMatch(/\/Subtype\s*\/Image/);
    expect(scanned).not.toMatch(/\/Type\s*\/Font/);
  });

  it('reuses the cached file and makes the same bytes again from scratch, photos (and their noise) included', async () => {
    const first = await generateFixture(3, 1, 'png', { cacheDir });
    const modified = (await stat(first.path)).mtimeMs;
    const again = await generateFixture(3, 1, 'png', { cacheDir });
    expect((await stat(again.path)).mtimeMs).toBe(modified);
    const firstPhoto = await generateFixture(1, 12, 'photo', { cacheDir });
    const elsewhere = await mkdtemp(join(tmpdir(), 'receipt-fixtures-'));
    try {
      const fresh = await generateFixture(3, 1, 'png', { cacheDir: elsewhere });
      expect(await readFile(fresh.path)).toEqual(await readFile(first.path));
      const freshPhoto = await generateFixture(1, 12, 'photo', { cacheDir: elsewhere });
      expect(await readFile(freshPhoto.path)).toEqual(await readFile(firstPhoto.path));
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
