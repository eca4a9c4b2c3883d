import { afterAll, describe, expect, it } from 'vitest';
import { ReceiptParser } from '../src/receipt-parser.js';

const RECEIPT = 'BOULANGERIE DU MARCHE\nle 14/03/2024\nTOTAL TTC 3,90 EUR\n';
const today = new Date('2024-06-01T00:00:00Z');

describe('parsing in a worker thread', () => {
  const parser = new ReceiptParser();
  const hurried = new ReceiptParser({ timeoutMs: 5 });
  afterAll(() => Promise.all([parser.close(), hurried.close()]));

  it("reads a receipt's fields in its thread, a hostile line beside them", async () => {
    const parsed = await parser.parse({ text: `A${' '.repeat(200_000)}B\n${RECEIPT}` }, today);
    expect(parsed.outcome === 'parsed' && parsed.fields.totalInclVat?.value).toBe('3.90');
  });

  it('refuses, with its reason, a text whose parse runs past its time, and parses the next one', async () => {
    const parsed = await hurried.parse({ text: RECEIPT.repeat(5_000) }, today);
    expect(parsed).toMatchObject({ outcome: 'refused', code: 'processing-timeout', detail: 'parsing took more than 5 ms' });
    expect(parsed.outcome === 'refused' && parsed.message.fr).toContain('trop de temps');
    expect((await parser.parse({ text: RECEIPT }, today)).outcome).toBe('parsed');
  });
});
