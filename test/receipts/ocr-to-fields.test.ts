import { readFile } from 'node:fs/promises';
import { createOcrEngine, type OcrEngine } from '@ndf/ocr/engine';
import { generateFixture, type FixtureFormat } from '@ndf/receipt-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReceipt } from '@ndf/receipt-parser/parser';

// End to end on rendered receipts: the OCR engine's page, words included, straight into the parser.
describe('OCR page → fields', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine({ workers: 1 });
  });
  afterAll(async () => {
    await engine.close();
  });

  it.each([
    ['png', 0],
    ['png', 7],
    ['photo', 3],
    ['photo', 12],
  ] as [FixtureFormat, number][])('reads the date, total and VAT of %s receipt %i', async (format, index) => {
    const fixture = await generateFixture(1, index, format);
    const page = await engine.recognize(await readFile(fixture.path));
    const fields = parseReceipt(page, { today: new Date(fixture.truth.uploadedAt) });
    expect(fields.date?.value).toBe(fixture.truth.date);
    expect(fields.totalInclVat?.value).toBe(fixture.truth.totalInclVat);
    expect(fields.vatLines?.value.map(({ rate, amount }) => ({ rate, amount }))).toEqual(fixture.truth.vatLines);
    expect(fields.totalInclVat!.confidence).toBeGreaterThan(0.5);
  });
});
