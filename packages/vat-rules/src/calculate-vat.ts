import { fromMinorUnits, type Money } from '@ndf/contracts';
import { CATEGORIES, type Category } from './categories.js';
import { checkInput, type VatInput } from './input.js';
import { resolveLines, type BaseSource } from './lines.js';
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
const refused = (problems: readonly VatProblem[]): VatResult => ({ ok: false, problems });

/**
 * The VAT of one receipt: its lines with their bases, the recoverable share of each by the
 * category's rule, and the totals. Input that does not add up is refused with its problems,
 * never adjusted.
 */
export function calculateVat(input: VatInput): VatResult {
  const checked = checkInput(input);
  if ('problems' in checked) return refused(checked.problems);
  if (input.category === 'mileage' && input.vatLines.length > 0)
    return refused([problem('/vatLines', 'vat_on_mileage', 'a mileage allowance carries no VAT')]);
  const resolved = resolveLines(checked.input);
  if ('problems' in resolved) return refused(resolved.problems);

  const totalVat = resolved.lines.reduce((sum, line) => sum + line.vat, 0n);
  const totalExcl = checked.input.total - totalVat;
  const recoverability = recoverabilityOf(input, totalExcl);
  if ('problem' in recoverability) return refused([recoverability.problem]);
  const { rule } = recoverability;

  const lines = resolved.lines.map((line) => {
    const recoverable = percentOf(line.vat, rule.percent);
    return { line, recoverable };
  });
  const recoverable = lines.reduce((sum, { recoverable }) => sum + recoverable, 0n);
  const account = CATEGORIES[input.category].account;
  return {
    ok: true,
    breakdown: {
      category: input.category,
      ...(account === undefined ? {} : { account }),
      totalInclVat: eur(checked.input.total),
      totalExclVat: eur(totalExcl),
      vat: eur(totalVat),
      lines: lines.map(({ line, recoverable }) => ({
        rate: formatRateBp(line.rateBp),
        base: eur(line.base),
        baseSource: line.baseSource,
        vat: eur(line.vat),
        recoverable: eur(recoverable),
        nonRecoverable: eur(line.vat - recoverable),
      })),
      recoverable: eur(recoverable),
      nonRecoverable: eur(totalVat - recoverable),
      rule: { code: rule.code, percent: Number(rule.percent), reason: rule.reason, rounding: ROUNDING },
    },
  };
}
