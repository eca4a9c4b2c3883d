import type { Money } from '../money.js';

/** The stage name the approval workflow records its routing under (sk STAGE#approval-workflow). */
export const APPROVAL_WORKFLOW = 'approval-workflow';

/** One level a routed note goes through, with who decides at it. */
export interface RoutedLevel {
  /** The level's name in the tenant's APPROVERS document, or `admins` when the note matched no level. */
  readonly name: string;
  /** Who may decide: the level's approvers and the delegates of those away, never the owner. */
  readonly approvers: readonly string[];
  /** `admins`: nobody was left at the level (or no level matched), so the tenant's admins decide. */
  readonly from: 'level' | 'admins';
}

/**
 * The approval workflow's stage about a note, for the submitted version it routed:
 * - pending `awaiting_checks`: some checks of this version are not in yet (`missing` names them);
 * - succeeded, decision `sent_back`: a blocking violation or a refused check sent the note back to its owner;
 * - succeeded, decision `awaiting_approval`: routed to `levels` (the first decides now), for `amount` (the policy's allowed amount) on `on`;
 * - refused `no_approver` / `currency_mismatch` / `checks_unusable`: the note stays submitted until the tenant's settings or checks allow routing.
 */
export type ApprovalRoutingOutcome =
  | { readonly decision: 'waiting'; readonly missing: readonly string[] }
  | {
      readonly decision: 'sent_back';
      readonly reasons: readonly { readonly check: string; readonly code: string; readonly reason: string }[];
    }
  | { readonly decision: 'awaiting_approval'; readonly amount: Money; readonly on: string; readonly levels: readonly RoutedLevel[] };
