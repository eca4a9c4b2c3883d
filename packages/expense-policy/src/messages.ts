import { fromMinorUnits } from '@ndf/contracts';

export interface Message {
  readonly fr: string;
  readonly en: string;
}

/** An amount as each language writes it: 1234.50 EUR in English, 1234,50 EUR in French. */
export function amountText(minor: bigint, currency: string): Message {
  const { value } = fromMinorUnits(minor, currency);
  return { en: `${value} ${currency}`, fr: `${value.replace('.', ',')} ${currency}` };
}
