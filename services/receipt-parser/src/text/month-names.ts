// The months' names as receipts print them (folded: capitals, no accents), and what OCR makes of them.

const MONTHS: readonly (readonly string[])[] = [
  ['JANVIER', 'JANV', 'JANUARY', 'JAN'],
  ['FEVRIER', 'FEVR', 'FEV', 'FEBRUARY', 'FEB'],
  ['MARS', 'MARCH', 'MAR'],
  ['AVRIL', 'AVR', 'APRIL', 'APR'],
  ['MAI', 'MAY'],
  ['JUIN', 'JUNE', 'JUN'],
  ['JUILLET', 'JUIL', 'JULY', 'JUL'],
  // Août's O or Û read as a zero.
  ['AOUT', 'A0UT', 'AO0T', 'A00T', 'AUGUST', 'AUG'],
  ['SEPTEMBRE', 'SEPTEMBER', 'SEPT', 'SEP'],
  ['OCTOBRE', 'OCTOBER', 'OCT'],
  ['NOVEMBRE', 'NOVEMBER', 'NOV'],
  ['DECEMBRE', 'DECEMBER', 'DEC'],
];
export const MONTH_NUMBER: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);

/** Letters a receipt's print makes OCR read as one another: a slip between them costs half a letter. */
const LOOK_ALIKE = ['MN', 'IL', 'IJ', 'OD', 'OQ', 'O0', 'UV', 'CG', 'EF'];
// A letter lost (taken into a separator) costs one; read as an unrelated letter, more: a lost letter
// and a look-alike ("UM" for JUN) pass, an unrelated letter and a look-alike ("ABC" for AUG) do not.
const UNRELATED = 1.2;
const substitution = (a: string, b: string) =>
  a === b ? 0 : LOOK_ALIKE.some((pair) => pair.includes(a) && pair.includes(b)) ? 0.5 : UNRELATED;

/** Edit distance, weighed by how OCR slips (above). */
function slipDistance(read: string, name: string): number {
  let previous = Array.from({ length: name.length + 1 }, (_, index) => index);
  for (let i = 1; i <= read.length; i++) {
    const row = [i];
    for (let j = 1; j <= name.length; j++)
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + substitution(read[i - 1]!, name[j - 1]!)));
    previous = row;
  }
  return previous[name.length]!;
}

/** The short names a garbled month is compared with: a long one garbled is left to the other readings. */
const SHORT_NAMES = [...MONTH_NUMBER].filter(([name]) => name.length <= 4 && /^[A-Z]+$/.test(name));
const MAX_SLIP = 1.5;

/**
 * The month a garbled name of two to four letters stands for, when one month is within a letter
 * and a half of it (a lost letter and a look-alike) and every other month at least half a letter
 * further: "UM" is June (JUN), "0CT" October, "MAV" none (MAY and MAR are as near).
 */
export function garbledMonth(read: string): number | undefined {
  const nearest = new Map<number, number>();
  for (const [name, month] of SHORT_NAMES) nearest.set(month, Math.min(nearest.get(month) ?? Infinity, slipDistance(read, name)));
  const [best, second] = [...nearest].sort((a, b) => a[1] - b[1]);
  if (!best || best[1] > MAX_SLIP || (second && second[1] < best[1] + 0.5)) return undefined;
  return best[0];
}
