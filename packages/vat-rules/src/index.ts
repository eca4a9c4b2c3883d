export { CATEGORIES, CATEGORY_NAMES, defaultAccount, isCategory, type Category, type CategoryFamily } from './categories.js';
export { calculateVat, ROUNDING, type VatBreakdown, type VatLineBreakdown, type VatResult } from './calculate-vat.js';
export {
  COMPANY_MENTIONS,
  FUEL_KINDS,
  VEHICLE_KINDS,
  type CompanyMention,
  type FuelKind,
  type ReceiptAmounts,
  type VatInput,
  type VatLineInput,
  type VatTreatment,
  type VehicleKind,
} from './input.js';
export type { BaseSource } from './lines.js';
export type { VatProblem, VatProblemCode } from './problems.js';
export { FRENCH_VAT_RATES_BP } from './rates.js';
export { COMPANY_IDENTITY_ADDED_LIMIT_MINOR, type VatRule, type VatRuleCode } from './recoverability.js';
export { calculateVatOfReceipts } from './receipts.js';
export { calculateForeignVat, isFrenchVat, type ExpensePlace } from './foreign.js';
