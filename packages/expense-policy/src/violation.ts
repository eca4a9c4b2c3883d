import type { Money } from '@ndf/contracts';
import type { Message } from './messages.js';
import type { RuleKind } from './rule-set.js';
import type { Severity } from './severity.js';

export type ViolationCode =
  | 'cap_per_expense'
  | 'cap_per_day'
  | 'per_diem'
  | 'receipt_missing'
  | 'too_old'
  | 'weekend'
  | 'alcohol'
  | 'attendees_missing'
  | 'project_missing';

export interface Violation {
  readonly code: ViolationCode;
  readonly severity: Severity;
  readonly message: Message;
  /** The rule broken: its kind and its place in the tenant's rule set. */
  readonly rule: { readonly kind: RuleKind; readonly pointer: string };
  /** For a cap: the part the cap lets through and the rest it refuses (they add up to what reached the cap). */
  readonly split?: { readonly capped: Money; readonly refused: Money };
}

/** What a rule check finds, before the rule's severity and place are added. */
export interface Finding {
  readonly code: ViolationCode;
  readonly message: Message;
}
