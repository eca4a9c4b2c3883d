export { checkedBic, checkedIban } from './account-checks.js';
export type { CheckedBatch, CreditTransfer, Debtor, ReimbursementBatch } from './batch.js';
export { checkBatch } from './check-batch.js';
export { type FieldProblem, SepaBatchRefused } from './field-problem.js';
export { buildSepaCreditTransfer, PAIN_001_001_03_NAMESPACE, pain001Document } from './pain001.js';
export { outsideSepaCharacters, transliterateToSepa } from './sepa-text.js';
export { validatePain001, type XsdValidation } from './xsd-validation.js';
