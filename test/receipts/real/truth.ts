// Ground truth of real receipts (`truth.json`: the fields as printed) and how an OCR text or a
// parser's fields are judged against it.

export interface RealReceipt {
  readonly id: string;
  readonly file: string;
  readonly merchant: string;
  /** As printed: "25/12/2018", "05 MAR 2018", "2016/05/01", "14-03-18"... */
  readonly date: string;
  /** As printed, "" when the receipt has none: "9.00", "RM 9.00", "$6.90". */
  readonly total: string;
}

/** The receipts of a parsed `truth.json`, or the reason it is not one. */
export function readTruth(json: unknown): RealReceipt[] | { error: string } {
  if (!Array.isArray(json)) return { error: 'truth.json must hold an array of receipts' };
  for (const [index, entry] of json.entries()) {
    for (const key of ['id', 'file', 'merchant', 'date', 'total'])
      if (typeof (entry as Record<string, unknown> | null)?.[key] !== 'string')
        return { error: `truth.json[${index}].${key} must be a string` };
  }
  return json as RealReceipt[];
}

/** The amount without its currency: "RM 9.00" → "9.00"; undefined when none is printed. */
export function bareAmount(printed: string): string | undefined {
  const amount = printed.replace(/\b(RM|EUR|USD|GBP|MYR)\b|[$€£\s]/gi, '');
  return amount === '' ? undefined : amount;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the text holds the amount as a whole number: "9.00" is in "TOTAL RM9.00", not in "19.00" nor "9.005". */
export function holdsAmount(text: string, amount: string): boolean {
  return new RegExp(`(?<![\\d.,])${escape(amount)}(?![\\d]|[.,]\\d)`).test(text);
}

/**
 * Whether the text holds the date as printed, spacing and case aside ("05 MAR 2018" ~ "05MAR 2018",
 * "25 / 12/2018"). A digit may follow a four-digit year (a time glued to it) but not a two-digit one
 * ("14-03-18" is not "14-03-2018").
 */
export function holdsDate(text: string, printed: string): boolean {
  const parts = printed.trim().match(/[A-Za-z0-9]+|[^A-Za-z0-9\s]+/g) ?? [];
  if (parts.length === 0) return false;
  const after = /\d{4}$/.test(printed.trim()) ? '' : '(?!\\d)';
  return new RegExp(`(?<!\\d)${parts.map(escape).join('\\s*')}${after}`, 'i').test(text);
}

/** A name's words, accents, case and punctuation aside: "MR. D.I.Y. (M) SDN BHD" → MR D I Y M SDN BHD. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((token) => token !== '');
}

/** The share of the truth's words found among the candidate's words. */
export function tokenOverlap(truth: string, candidate: string): number {
  const expected = nameTokens(truth);
  if (expected.length === 0) return 0;
  const found = new Set(nameTokens(candidate));
  return expected.filter((token) => found.has(token)).length / expected.length;
}

/** A merchant's name is right, fuzzily, when 80 % of the truth's words are there. */
export const sameMerchant = (truth: string, candidate: string | undefined): boolean =>
  candidate !== undefined && tokenOverlap(truth, candidate) >= 0.8;

/** Whether the name is in the text with every space and sign taken out of both ("YONGFATTENTERPRISE"). */
export function holdsNameUnspaced(text: string, name: string): boolean {
  const fold = (value: string) => nameTokens(value).join('');
  return fold(name) !== '' && fold(text).includes(fold(name));
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * A printed date as yyyy-mm-dd, day first unless the year comes first ("2016/05/01"): "14-03-18",
 * "05 MAR 2018", "14/MAY/2017". Undefined when it is none of these.
 */
export function printedDateToIso(printed: string): string | undefined {
  const parts = printed
    .trim()
    .toUpperCase()
    .split(/[\s/.-]+/);
  if (parts.length !== 3) return undefined;
  const [day, month, year] = parts[0]!.length === 4 ? [parts[2]!, parts[1]!, parts[0]!] : [parts[0]!, parts[1]!, parts[2]!];
  const monthNumber = /^\d{1,2}$/.test(month) ? Number(month) : MONTHS.indexOf(month.slice(0, 3)) + 1;
  if (!/^\d{1,2}$/.test(day) || !/^(\d{2}|\d{4})$/.test(year) || monthNumber < 1 || monthNumber > 12) return undefined;
  const fullYear = year.length === 2 ? 2000 + Number(year) : Number(year);
  const iso = `${fullYear}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** The three fields a reader of a real receipt is judged on, as values (the parser's or the note's). */
export interface ReadFields {
  readonly total?: string;
  readonly date?: string;
  readonly merchant?: string;
}

/** Which of the fields are right against the truth; a field the truth does not have (no total printed) is not judged. */
export function judgeFields(receipt: RealReceipt, read: ReadFields): { total?: boolean; date?: boolean; merchant: boolean } {
  const total = bareAmount(receipt.total);
  const date = printedDateToIso(receipt.date);
  return {
    ...(total === undefined ? {} : { total: read.total === total }),
    ...(date === undefined ? {} : { date: read.date === date }),
    merchant: sameMerchant(receipt.merchant, read.merchant),
  };
}
