export { amountOwed, submittedVersion, type AmountOwed, type BaseSource, type OwedTerm, type UnavailableCode } from './amount-owed.js';
export { OWED_CURRENCY, STAGES } from './stage-outcomes.js';
