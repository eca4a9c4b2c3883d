import type { NoteItem } from '@ndf/contracts';

/** A check whose stage for the submitted version must be in before the note is routed, and for which notes. */
export interface AwaitedCheck {
  readonly service: string;
  readonly awaits: (note: NoteItem, tenantCurrency: string) => boolean;
}

/**
 * The checks routing waits for. A check whose service is not deployed (not in the catalog) is
 * not awaited: the policy-checker then refuses a foreign note itself, for want of its conversion.
 */
export const AWAITED_CHECKS: readonly AwaitedCheck[] = [
  { service: 'policy-checker', awaits: () => true },
  { service: 'vat-calculator', awaits: () => true },
  { service: 'currency-converter', awaits: (note, tenantCurrency) => note.amount.currency !== tenantCurrency },
  { service: 'mileage-calculator', awaits: (note) => note.mileage !== undefined },
];

/** The services whose stage of this note's version routing waits for. */
export function checksAwaited(note: NoteItem, tenantCurrency: string, deployed: ReadonlySet<string>): string[] {
  return AWAITED_CHECKS.filter((check) => deployed.has(check.service) && check.awaits(note, tenantCurrency)).map((check) => check.service);
}
