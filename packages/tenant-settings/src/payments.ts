import { USER_PATTERN } from '@ndf/contracts';
import { schemaChecker } from '@ndf/expense-policy';
import { checkedBic, checkedIban } from '@ndf/sepa-transfer';
import { repeats, settingsProblem, type Parsed, type SettingsProblem } from './problems.js';

/** A bank account as the settings hold it: the IBAN and BIC in their electronic form once checked. */
interface Account {
  readonly iban: string;
  readonly bic?: string;
}

/** Where an employee's reimbursements go: the account holder's name as the bank knows it. */
export interface Payee extends Account {
  readonly employee: string;
  readonly name: string;
}

export interface PayeeSettings {
  readonly payees: readonly Payee[];
}

/** The company's account every reimbursement is paid from, and when the batch is made. */
export interface PaymentSettings {
  /** Absent until the tenant gives it: no batch is made without it. */
  readonly debtor?: Account & { readonly name: string; readonly bic: string };
  /** The day of the month (1 to 28, UTC) the month's batch is made on, or only when an accountant asks for one. */
  readonly batchDay: number | 'on_demand';
}

const name = { type: 'string', minLength: 1, maxLength: 70 };
const iban = { type: 'string', minLength: 15, maxLength: 42 };
const bic = { type: 'string', minLength: 8, maxLength: 11 };

export const PAYEE_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    payees: {
      type: 'array',
      maxItems: 10_000,
      items: {
        type: 'object',
        properties: { employee: { type: 'string', pattern: USER_PATTERN.source }, name, iban, bic },
        required: ['employee', 'name', 'iban'],
        additionalProperties: false,
      },
    },
  },
  required: ['payees'],
  additionalProperties: false,
} as const;

export const PAYMENT_SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    debtor: {
      type: 'object',
      properties: { name, iban, bic },
      required: ['name', 'iban', 'bic'],
      additionalProperties: false,
    },
    batchDay: { oneOf: [{ type: 'integer', minimum: 1, maximum: 28 }, { const: 'on_demand' }] },
  },
  required: ['batchDay'],
  additionalProperties: false,
} as const;

export const DEFAULT_PAYEE_SETTINGS: PayeeSettings = { payees: [] };
/** Without a document: no company account, so no batch; nothing is paid on a guessed account. */
export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = { batchDay: 'on_demand' };

const checkPayeesShape = schemaChecker(PAYEE_SETTINGS_SCHEMA);
const checkPaymentShape = schemaChecker(PAYMENT_SETTINGS_SCHEMA);

/** The account with its IBAN and BIC checked (ISO 13616, ISO 9362) and in electronic form, or the problems naming them. */
function checkedAccount<A extends Account>(account: A, at: string, problems: SettingsProblem[]): A {
  const iban = checkedIban(account.iban);
  if (iban === undefined)
    problems.push(settingsProblem(`${at}/iban`, 'invalid_account', 'is not a valid IBAN (country, length or check digits)'));
  const bic = account.bic === undefined ? undefined : checkedBic(account.bic);
  if (account.bic !== undefined && bic === undefined)
    problems.push(
      settingsProblem(`${at}/bic`, 'invalid_account', 'is not a valid BIC (4 letters, a country, 2 characters, an optional branch)'),
    );
  return { ...account, iban: iban ?? account.iban, ...(bic === undefined ? {} : { bic }) };
}

export function parsePayeeSettings(value: unknown): Parsed<PayeeSettings> {
  const shape = checkPayeesShape(value);
  if (shape.length > 0) return { ok: false, problems: shape };
  const problems: SettingsProblem[] = [];
  const payees = (value as PayeeSettings).payees.map((payee, index) => checkedAccount(payee, `/payees/${index}`, problems));
  problems.push(
    ...repeats(
      payees.map((payee) => payee.employee),
      (index) => `/payees/${index}/employee`,
      'duplicate_name',
      'employee',
    ),
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { payees } };
}

export function parsePaymentSettings(value: unknown): Parsed<PaymentSettings> {
  const shape = checkPaymentShape(value);
  if (shape.length > 0) return { ok: false, problems: shape };
  const settings = value as PaymentSettings;
  const problems: SettingsProblem[] = [];
  const debtor = settings.debtor === undefined ? undefined : checkedAccount(settings.debtor, '/debtor', problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ...settings, ...(debtor === undefined ? {} : { debtor }) } };
}

/** The payee of an employee, if the tenant gave one. */
export function payeeOf(settings: PayeeSettings, employee: string): Payee | undefined {
  return settings.payees.find((payee) => payee.employee === employee);
}
