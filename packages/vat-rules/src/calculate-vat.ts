import { fromMinorUnits, type Money } from '@ndf/contracts';
import { CATEGORIES, type Category } from './categories.js';
import { checkInput, type CheckedInput, type VatInput, type VatTreatment } from './input.js';
import { resolveLines, type BaseSource, type ResolvedLine } from './lines.js';
import { problem, type VatProblem } from './problems.js';
import { formatRateBp } from './rates.js';
import { recoverabilityOf, type VatRule } from './recoverability.js';
import { percentOf } from './rounding.js';

/** How every amount of a breakdown is rounded, stated in the breakdown for the audit trail. */
export const ROUNDING = 'per VAT line, to the cent, half up';

export interface VatLineBreakdown {
  /** In percent, as receipts print it: "5.5". */
  readonly rate: string;
  readonly base: Money;
  readonly baseSource: BaseSource;
  readonly vat: Money;
  readonly recoverable: Money;
  readonly nonRecoverable: Money;
}

export interface VatBreakdown {
  readonly category: Category;
  /** The category's default expense account, when the domain reference gives one. */
  readonly account?: string;
  readonly totalInclVat: Money;
  /** The total less its VAT, so that HT + VAT = TTC exactly. */
  readonly totalExclVat: Money;
  readonly vat: Money;
  readonly lines: readonly VatLineBreakdown[];
  readonly recoverable: Money;
  readonly nonRecoverable: Money;
  readonly rule: { readonly code: VatRule['code']; readonly percent: number; readonly reason: string; readonly rounding: string };
}

export type VatResult =
  { readonly ok: true; readonly breakdown: VatBreakdown } | { readonly ok: false; readonly problems: readonly VatProblem[] };

const eur = (minor: bigint): Money => fromMinorUnits(minor, 'EUR');
export const refused = (problems: readonly VatProblem[]): VatResult => ({ ok: false, problems });

/**
 * The VAT of one receipt: its lines with their bases, the recoverable share of each by the
 * category's rule, and the totals. Input that does not add up is refused with its problems,
 * never adjusted.
 */
export function calculateVat(input: VatInput): VatResult {
  const checked = checkInput(input);
  if ('problems' in checked) return refused(checked.problems);
  return breakdownOfReceipts(input, [checked.input], (problems) => problems);
}

/** A mileage allowance has no VAT: the first receipt that says otherwise, with its problem. */
function vatOnMileage(treatment: VatTreatment, receipts: readonly CheckedInput[]): { problem: VatProblem; index: number } | undefined {
  const index = receipts.findIndex((receipt) => receipt.lines.length > 0);
  if (treatment.category !== 'mileage' || index < 0) return undefined;
  return { problem: problem('/vatLines', 'vat_on_mileage', 'a mileage allowance carries no VAT'), index };
}

/**
 * The VAT of one expense from the checked amounts of its receipts (one, usually): each
 * receipt's lines resolved and checked on their own, the rule decided once for the expense
 * (a meal's 150 EUR threshold applies to its total excluding VAT), each line's recoverable
 * share rounded on its own, and the lines of a rate added up across receipts.
 * `placed` turns a receipt's problems into the caller's fields.
 */
export function breakdownOfReceipts(
  treatment: VatTreatment,
  receipts: readonly CheckedInput[],
  placed: (problems: readonly VatProblem[], receiptIndex: number) => readonly VatProblem[],
): VatResult {
  const mileage = vatOnMileage(treatment, receipts);
  if (mileage) return refused(placed([mileage.problem], mileage.index));
  const resolved = receipts.map((receipt) => resolveLines(receipt));
  const problems = resolved.flatMap((result, index) => ('problems' in result ? placed(result.problems, index) : []));
  if (problems.length > 0) return refused(problems);
  const lines = resolved.flatMap((result) => ('lines' in result ? result.lines : []));

  const total = receipts.reduce((sum, receipt) => sum + receipt.total, 0n);
  const totalVat = lines.reduce((sum, line) => sum + line.vat, 0n);
  const totalExcl = total - totalVat;
  const recoverability = recoverabilityOf(treatment, totalExcl);
  if ('problem' in recoverability) return refused([recoverability.problem]);
  const { rule } = recoverability;

  const byRate = linesByRate(lines.map((line) => ({ ...line, recoverable: percentOf(line.vat, rule.percent) })));
  const recoverable = byRate.reduce((sum, line) => sum + line.recoverable, 0n);
  const account = CATEGORIES[treatment.category].account;
  return {
    ok: true,
    breakdown: {
      category: treatment.category,
      ...(account === undefined ? {} : { account }),
      totalInclVat: eur(total),
      totalExclVat: eur(totalExcl),
      vat: eur(totalVat),
      lines: byRate.map((line) => ({
        rate: formatRateBp(line.rateBp),
        base: eur(line.base),
        baseSource: line.baseSource,
        vat: eur(line.vat),
        recoverable: eur(line.recoverable),
        nonRecoverable: eur(line.vat - line.recoverable),
      })),
      recoverable: eur(recoverable),
      nonRecoverable: eur(totalVat - recoverable),
      rule: { code: rule.code, percent: Number(rule.percent), reason: rule.reason, rounding: ROUNDING },
    },
  };
}

type RecoveredLine = ResolvedLine & { readonly recoverable: bigint };

/** The least certain source wins when lines of several receipts are added up. */
const BASE_SOURCE_ORDER: readonly BaseSource[] = ['printed', 'remainder', 'apportioned'];

/** One line per rate, in the order rates first appear: the booked entry has one VAT line per rate. */
function linesByRate(lines: readonly RecoveredLine[]): RecoveredLine[] {
  const merged = new Map<bigint, RecoveredLine>();
  for (const line of lines) {
    const seen = merged.get(line.rateBp);
    merged.set(
      line.rateBp,
      seen === undefined
        ? line
        : {
            ...seen,
            base: seen.base + line.base,
            vat: seen.vat + line.vat,
            recoverable: seen.recoverable + line.recoverable,
            baseSource:
              BASE_SOURCE_ORDER[Math.max(BASE_SOURCE_ORDER.indexOf(seen.baseSource), BASE_SOURCE_ORDER.indexOf(line.baseSource))]!,
          },
    );
  }
  return [...merged.values()];
}
