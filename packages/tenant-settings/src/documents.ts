import { parseRuleSet, type CheckedRuleSet } from '@ndf/expense-policy';
import { DEFAULT_APPROVER_SETTINGS, parseApproverSettings, type ApproverSettings } from './approvers.js';
import { DEFAULT_CARD_SETTINGS, parseCardSettings, type CardSettings } from './cards.js';
import { DEFAULT_CATEGORY_SETTINGS, parseCategorySettings, type CategorySettings } from './categories.js';
import {
  DEFAULT_PAYEE_SETTINGS,
  DEFAULT_PAYMENT_SETTINGS,
  parsePayeeSettings,
  parsePaymentSettings,
  type PayeeSettings,
  type PaymentSettings,
} from './payments.js';
import { settingsProblem, type Parsed } from './problems.js';

/** The value of each settings document, as read back once checked. */
export interface SettingsDocuments {
  readonly POLICY: CheckedRuleSet;
  readonly APPROVERS: ApproverSettings;
  readonly CATEGORIES: CategorySettings;
  readonly PAYEES: PayeeSettings;
  readonly PAYMENT: PaymentSettings;
  readonly CARDS: CardSettings;
}

export type SettingsDocument = keyof SettingsDocuments;

interface DocumentKind<T> {
  readonly parse: (value: unknown) => Parsed<T>;
  /** What a tenant that never wrote the document has. */
  readonly defaults: T;
}

function policyKind(): DocumentKind<CheckedRuleSet> {
  const parse = (value: unknown): Parsed<CheckedRuleSet> => {
    const parsed = parseRuleSet(value);
    return parsed.ok ? { ok: true, value: parsed.ruleSet } : { ok: false, problems: parsed.problems };
  };
  // No rule until the tenant writes some: the platform invents no limit on its behalf.
  const defaults = parse({ currency: 'EUR', rules: [] });
  if (!defaults.ok) throw new Error('The default policy does not pass its own schema.');
  return { parse, defaults: defaults.value };
}

const KINDS: { readonly [D in SettingsDocument]: DocumentKind<SettingsDocuments[D]> } = {
  POLICY: policyKind(),
  APPROVERS: { parse: parseApproverSettings, defaults: DEFAULT_APPROVER_SETTINGS },
  CATEGORIES: { parse: parseCategorySettings, defaults: DEFAULT_CATEGORY_SETTINGS },
  PAYEES: { parse: parsePayeeSettings, defaults: DEFAULT_PAYEE_SETTINGS },
  PAYMENT: { parse: parsePaymentSettings, defaults: DEFAULT_PAYMENT_SETTINGS },
  CARDS: { parse: parseCardSettings, defaults: DEFAULT_CARD_SETTINGS },
};

export const SETTINGS_DOCUMENTS = Object.keys(KINDS) as readonly SettingsDocument[];

export function isSettingsDocument(value: unknown): value is SettingsDocument {
  return typeof value === 'string' && Object.hasOwn(KINDS, value);
}

/** Checks a document as the settings API receives it (or as read back): every problem at once, each naming its field. */
export function parseSettings<D extends SettingsDocument>(document: D, value: unknown): Parsed<SettingsDocuments[D]> {
  if (!isSettingsDocument(document))
    return {
      ok: false,
      problems: [settingsProblem('/', 'unknown_document', `${String(document)} is none of ${SETTINGS_DOCUMENTS.join(', ')}`)],
    };
  return KINDS[document].parse(value);
}

export function defaultSettings<D extends SettingsDocument>(document: D): SettingsDocuments[D] {
  return KINDS[document].defaults;
}
