import type { Money } from '../money.js';

/** A rule of the tenant's policy broken by a note: a warning is shown, a block stops the note (or, for a cap, its refused rest). */
export interface PolicyViolation {
  /** cap_per_expense, cap_per_day, per_diem, receipt_missing, too_old, weekend, alcohol, attendees_missing, project_missing. */
  readonly code: string;
  readonly severity: 'warning' | 'block';
  readonly message: { readonly fr: string; readonly en: string };
  /** The rule broken: its kind and its JSON pointer in the tenant's policy (the settings document POLICY). */
  readonly rule: { readonly kind: string; readonly pointer: string };
  /** For a cap: the part it lets through and the rest it refuses, in the policy's currency. */
  readonly split?: { readonly capped: Money; readonly refused: Money };
}

/** The policy-checker's stage outcome (STAGE#policy-checker): what the approval and the batch read. */
export interface PolicyCheckOutcome {
  /** A blocking rule other than a cap is broken: the note goes back to its owner rather than to an approver. */
  readonly blocking: boolean;
  readonly violations: readonly PolicyViolation[];
  /**
   * In the policy's currency (the converter's amount for a foreign note): the amount checked,
   * what the blocking caps allow, and the refused rest (allowed + refused = claimed).
   */
  readonly amounts: { readonly claimed: Money; readonly allowed: Money; readonly refused: Money };
  /** Where `claimed` comes from: the note's own amount, or the currency-converter's stage for a foreign one. */
  readonly amountFrom: 'note' | 'currency-converter';
  /** The version of the tenant's POLICY document evaluated (0: the default, none written yet). */
  readonly policyVersion: number;
}
