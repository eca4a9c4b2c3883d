import type { ReceiptItem } from '@ndf/contracts';
import type { ReceiptAmounts, VatLineInput } from '@ndf/vat-rules';

const VAT_PREFIX = 'vat:';
const BASE_PREFIX = 'vatBase:';
/** The receipt parser's key for a VAT amount printed without its rate. */
const UNKNOWN_RATE = 'unknown';

/** Highest rate first, an unprinted rate last: a map's keys come back from the table in no set order. */
const byRate = (a: VatLineInput, b: VatLineInput) =>
  a.rate === null ? 1 : b.rate === null ? -1 : Number.parseFloat(b.rate) - Number.parseFloat(a.rate);

/**
 * A processed receipt's amounts as @ndf/vat-rules takes them, from the parser's fields:
 * `totalInclVat`, `totalExclVat`, `currency` (the note's when unread), and one VAT line per
 * `vat:<rate>` with its `vatBase:<rate>` when printed. Undefined when its total was not read.
 */
export function receiptAmounts(receipt: ReceiptItem, noteCurrency: string): ReceiptAmounts | undefined {
  const fields = receipt.extracted ?? {};
  const totalInclVat = fields.totalInclVat?.value;
  if (totalInclVat === undefined) return undefined;
  const vatLines = Object.entries(fields)
    .filter(([name]) => name.startsWith(VAT_PREFIX))
    .map(([name, field]): VatLineInput => {
      const rate = name.slice(VAT_PREFIX.length);
      const base = fields[`${BASE_PREFIX}${rate}`]?.value;
      return { rate: rate === UNKNOWN_RATE ? null : rate, amount: field.value, ...(base === undefined ? {} : { base }) };
    })
    .sort(byRate);
  const totalExclVat = fields.totalExclVat?.value;
  return {
    currency: fields.currency?.value ?? noteCurrency,
    totalInclVat,
    ...(totalExclVat === undefined ? {} : { totalExclVat }),
    vatLines,
  };
}
