import type { CheckedInput, CheckedLine } from './input.js';
import { problem, type VatProblem } from './problems.js';
import { apportionBases } from './apportion-bases.js';
import { distance, vatOnBase } from './rounding.js';

/**
 * Where a line's base comes from: printed; the totals' remainder when it is the only one
 * missing; or, when several are, its VAT taken back at its rate and apportioned so that the
 * bases make the totals.
 */
export type BaseSource = 'printed' | 'remainder' | 'apportioned';

export interface ResolvedLine {
  readonly index: number;
  readonly rateBp: bigint;
  readonly vat: bigint;
  readonly base: bigint;
  readonly baseSource: BaseSource;
}

/** Each rounding may be a cent off: one cent per VAT line is the tolerance, never more. */
const CENT = 1n;

function resolveBases(input: CheckedInput): ResolvedLine[] {
  const missing = input.lines.filter((line) => line.base === undefined);
  const totalVat = input.lines.reduce((sum, line) => sum + line.vat, 0n);
  const printedBases = input.lines.reduce((sum, line) => sum + (line.base ?? 0n), 0n);
  const remainder = input.total - totalVat - printedBases;
  const single = missing.length === 1 && remainder > 0n;
  const apportioned = single ? [remainder] : apportionBases(missing, remainder < 0n ? 0n : remainder);
  return input.lines.map((line: CheckedLine): ResolvedLine => {
    if (line.base !== undefined) return { ...line, base: line.base, baseSource: 'printed' };
    return { ...line, base: apportioned[missing.indexOf(line)]!, baseSource: single ? 'remainder' : 'apportioned' };
  });
}

/**
 * The lines with their bases, or what does not add up: a line's VAT against its base at its
 * rate, the bases and VAT against the total including VAT, and the printed total excluding
 * VAT against the total less the VAT, each within a cent per line.
 */
export function resolveLines(input: CheckedInput): { lines: readonly ResolvedLine[] } | { problems: readonly VatProblem[] } {
  const lines = resolveBases(input);
  const problems: VatProblem[] = [];
  for (const line of lines) {
    const expected = vatOnBase(line.base, line.rateBp);
    if (distance(expected, line.vat) > CENT)
      problems.push(
        problem(
          `/vatLines/${line.index}/amount`,
          'vat_not_matching_base',
          `VAT ${line.vat} cents on a base of ${line.base} cents should be ${expected} cents`,
        ),
      );
  }
  const tolerance = CENT * BigInt(Math.max(1, lines.length));
  const totalVat = lines.reduce((sum, line) => sum + line.vat, 0n);
  const bases = lines.reduce((sum, line) => sum + line.base, 0n);
  if (lines.length > 0 && distance(bases + totalVat, input.total) > tolerance)
    problems.push(
      problem(
        '/totalInclVat',
        'totals_not_matching',
        `bases ${bases} + VAT ${totalVat} cents do not make the total of ${input.total} cents`,
      ),
    );
  if (input.totalExcl !== undefined && distance(input.totalExcl, input.total - totalVat) > (lines.length === 0 ? 0n : tolerance))
    problems.push(
      problem(
        '/totalExclVat',
        'excl_vat_total_not_matching',
        `${input.totalExcl} cents excluding VAT + VAT ${totalVat} cents do not make the total of ${input.total} cents`,
      ),
    );
  return problems.length > 0 ? { problems } : { lines };
}
