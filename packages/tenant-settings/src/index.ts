export {
  APPROVER_SETTINGS_SCHEMA,
  DEFAULT_APPROVER_SETTINGS,
  parseApproverSettings,
  type ApprovalLevel,
  type ApproverRule,
  type ApproverSettings,
  type Delegation,
  type Team,
} from './approvers.js';
export {
  CARD_SETTINGS_SCHEMA,
  cardHolders,
  DEFAULT_CARD_SETTINGS,
  parseCardSettings,
  type CardSettings,
  type CompanyCard,
} from './cards.js';
export { SETTINGS_MAX_AGE_MS, SettingsCache, type SettingsCacheOptions } from './cache.js';
export {
  CATEGORY_SETTINGS_SCHEMA,
  DEFAULT_CATEGORY_SETTINGS,
  parseCategorySettings,
  tenantCategory,
  type CategorySettings,
  type TenantCategory,
} from './categories.js';
export {
  defaultSettings,
  isSettingsDocument,
  parseSettings,
  SETTINGS_DOCUMENTS,
  type SettingsDocument,
  type SettingsDocuments,
} from './documents.js';
export type { Parsed, SettingsProblem, SettingsProblemCode } from './problems.js';
export {
  readAllSettings,
  readSettings,
  StoredSettingsError,
  writeSettings,
  type StoredSettings,
  type WriteSettingsResult,
} from './store.js';
export { approvalChain, delegateOn, type ApprovalStep, type ApprovalSubject } from './approval-chain.js';
export { approversOrDefault } from './approvers-or-default.js';
export {
  DEFAULT_PAYEE_SETTINGS,
  DEFAULT_PAYMENT_SETTINGS,
  PAYEE_SETTINGS_SCHEMA,
  PAYMENT_SETTINGS_SCHEMA,
  parsePayeeSettings,
  parsePaymentSettings,
  payeeOf,
  type Payee,
  type PayeeSettings,
  type PaymentSettings,
} from './payments.js';
