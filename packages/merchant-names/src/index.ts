export { BRANDS, type Brand } from './brands.js';
export { CATEGORIES, isCategory, type Category } from './categories.js';
export { cleanMerchantName } from './clean-name.js';
export { allowedDistance } from './match-brand.js';
export { MAX_NAME_LENGTH, normalizeMerchant, type Merchant } from './normalize-merchant.js';
export { MerchantInputError, type MerchantProblemCode } from './problems.js';
export { CONFIDENCE, proposeCategory, type CategoryProposal, type ProposalInput, type ProposalReason } from './propose-category.js';
export { CATEGORY_WORDS, MAX_RECEIPT_TEXT_LENGTH } from './receipt-words.js';
export type { HistoryEvidence, TenantHistory } from './tenant-history.js';
