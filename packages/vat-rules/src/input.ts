import { COMPANY_MENTIONS, FUEL_ENERGIES, FUEL_VEHICLES, moneyProblem, toMinorUnits, type CompanyMention } from '@ndf/contracts';
import { isCategory, type Category } from './categories.js';
import { problem, type VatProblem } from './problems.js';
import { isFrenchRate, parseRateBp } from './rates.js';

// The note's own lists (@ndf/contracts): what a note carries is what the rules take.
export const VEHICLE_KINDS = FUEL_VEHICLES;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

export const FUEL_KINDS = FUEL_ENERGIES;
export type FuelKind = (typeof FUEL_KINDS)[number];

export { COMPANY_MENTIONS, type CompanyMention };

/** One VAT line as the receipt prints it: decimal strings, the rate in percent ("5.5"). */
export interface VatLineInput {
  readonly rate: string | null;
  readonly amount: string;
  /** The amount excluding VAT the rate applies to, when printed. */
  readonly base?: string;
}

/** The amounts one receipt prints. */
export interface ReceiptAmounts {
  /** ISO 4217; French VAT is invoiced in EUR. */
  readonly currency: string;
  /** TTC, e.g. "45.00". */
  readonly totalInclVat: string;
  /** HT, when the receipt prints it. */
  readonly totalExclVat?: string;
  readonly vatLines: readonly VatLineInput[];
}

/** What decides the share of the VAT recovered: the expense's category and what its rule needs. */
export interface VatTreatment {
  readonly category: Category;
  /** Needed for fuel. */
  readonly vehicle?: VehicleKind;
  /** Needed for fuel: LPG, natural gas and electricity are recoverable in full. */
  readonly fuel?: FuelKind;
  /** Needed for meals. */
  readonly companyMention?: CompanyMention;
}

export interface VatInput extends ReceiptAmounts, VatTreatment {}

/** The input in minor units and basis points, once every field has been checked. */
export interface CheckedLine {
  readonly index: number;
  readonly rateBp: bigint;
  readonly vat: bigint;
  readonly base: bigint | undefined;
}

export interface CheckedInput {
  readonly source: VatInput;
  readonly total: bigint;
  readonly totalExcl: bigint | undefined;
  readonly lines: readonly CheckedLine[];
}

const CURRENCY = 'EUR';

function amount(value: unknown, field: string, problems: VatProblem[]): bigint | undefined {
  if (typeof value !== 'string') {
    problems.push(problem(field, 'invalid_amount', 'an amount is a decimal string, e.g. "42.50"'));
    return undefined;
  }
  const why = moneyProblem({ value, currency: CURRENCY });
  if (why) {
    problems.push(problem(field, 'invalid_amount', `${JSON.stringify(value)} is not a positive EUR amount (${why})`));
    return undefined;
  }
  return toMinorUnits({ value, currency: CURRENCY });
}

function rate(text: unknown, field: string, problems: VatProblem[]): bigint | undefined {
  const rateBp = typeof text === 'string' ? parseRateBp(text) : undefined;
  if (rateBp === undefined || !isFrenchRate(rateBp)) {
    problems.push(problem(field, 'unknown_rate', `${JSON.stringify(text)} is not a French VAT rate (20, 10, 5.5, 2.1)`));
    return undefined;
  }
  return rateBp;
}

function choice(value: unknown, allowed: readonly string[], field: string, problems: VatProblem[]): void {
  if (value !== undefined && !allowed.includes(value as string))
    problems.push(problem(field, 'invalid_choice', `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Every field checked and converted, or the list of what is wrong, each naming its field. */
export function checkInput(input: VatInput): { input: CheckedInput } | { problems: readonly VatProblem[] } {
  const problems: VatProblem[] = [];
  if (input.currency !== CURRENCY) {
    problems.push(problem('/currency', 'unsupported_currency', `French VAT is invoiced in EUR, not ${JSON.stringify(input.currency)}`));
    return { problems };
  }
  if (!isCategory(input.category))
    problems.push(problem('/category', 'unknown_category', `${JSON.stringify(input.category)} is not a known category`));
  const total = amount(input.totalInclVat, '/totalInclVat', problems);
  const totalExcl = input.totalExclVat === undefined ? undefined : amount(input.totalExclVat, '/totalExclVat', problems);
  choice(input.vehicle, VEHICLE_KINDS, '/vehicle', problems);
  choice(input.fuel, FUEL_KINDS, '/fuel', problems);
  choice(input.companyMention, COMPANY_MENTIONS, '/companyMention', problems);
  const lines: CheckedLine[] = [];
  const seen = new Set<bigint>();
  if (!Array.isArray(input.vatLines))
    problems.push(problem('/vatLines', 'invalid_vat_line', 'vatLines is a list, empty when the receipt has no VAT'));
  (Array.isArray(input.vatLines) ? input.vatLines : []).forEach((line: unknown, index) => {
    const at = `/vatLines/${index}`;
    if (!isObject(line)) {
      problems.push(problem(at, 'invalid_vat_line', 'a VAT line is an object with rate, amount and an optional base'));
      return;
    }
    const rateBp = rate(line.rate, `${at}/rate`, problems);
    const vat = amount(line.amount, `${at}/amount`, problems);
    const base = line.base === undefined ? undefined : amount(line.base, `${at}/base`, problems);
    if (rateBp !== undefined && seen.has(rateBp))
      problems.push(problem(`${at}/rate`, 'duplicate_rate', `rate ${line.rate} appears on more than one line`));
    if (rateBp !== undefined) seen.add(rateBp);
    if (rateBp !== undefined && vat !== undefined) lines.push({ index, rateBp, vat, base });
  });
  if (problems.length > 0 || total === undefined) return { problems };
  return { input: { source: input, total, totalExcl, lines } };
}
