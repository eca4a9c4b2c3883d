// Amounts travel as decimal strings ("42.50"), never as floats, and never carry more
// fraction digits than their currency has minor units (ISO 4217).

export type MinorDigits = 0 | 2 | 3 | 4;

const ZERO = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const FOUR = ['CLF', 'UYW'];
const TWO = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY ' +
  'COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR ' +
  'JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO ' +
  'NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
  'TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG'
).split(' ');

/** Active ISO 4217 currencies (funds and precious metals excluded) and their minor digits. */
export const CURRENCY_MINOR_DIGITS: ReadonlyMap<string, MinorDigits> = new Map<string, MinorDigits>([
  ...ZERO.map((code) => [code, 0] as const),
  ...TWO.map((code) => [code, 2] as const),
  ...THREE.map((code) => [code, 3] as const),
  ...FOUR.map((code) => [code, 4] as const),
]);

export const CURRENCIES: readonly string[] = [...CURRENCY_MINOR_DIGITS.keys()].sort();

/** The largest amount accepted: twelve integer digits. */
export const MAX_INTEGER_DIGITS = 12;

/** A positive decimal with a point, no sign, no exponent, no leading zeros, at most 12 integer digits. */
export const POSITIVE_DECIMAL_PATTERN = `^(?!0+(\\.0+)?$)(0|[1-9][0-9]{0,${MAX_INTEGER_DIGITS - 1}})(\\.[0-9]+)?$`;

/** The same, with at most `digits` fraction digits (none when 0). */
export function decimalPatternWithDigits(digits: MinorDigits): string {
  const fraction = digits === 0 ? '' : `(\\.[0-9]{1,${digits}})?`;
  return `^[0-9]+${fraction}$`;
}

export function currenciesWithDigits(digits: MinorDigits): string[] {
  return CURRENCIES.filter((code) => CURRENCY_MINOR_DIGITS.get(code) === digits);
}

export function minorDigits(currency: string): MinorDigits | undefined {
  return CURRENCY_MINOR_DIGITS.get(currency);
}

export interface Money {
  /** A decimal string, e.g. "42.50". */
  readonly value: string;
  /** ISO 4217 code, e.g. "EUR". */
  readonly currency: string;
}

export type MoneyProblem = 'unknown_currency' | 'invalid_format' | 'too_many_decimals';

/** Why an amount is not acceptable, or undefined when it is. */
export function moneyProblem(money: Money): MoneyProblem | undefined {
  const digits = minorDigits(money.currency);
  if (digits === undefined) return 'unknown_currency';
  if (!new RegExp(POSITIVE_DECIMAL_PATTERN).test(money.value)) return 'invalid_format';
  if (!new RegExp(decimalPatternWithDigits(digits)).test(money.value)) return 'too_many_decimals';
  return undefined;
}

/** The amount in minor units (cents for EUR), exactly: "42.5" EUR is 4250n. */
export function toMinorUnits(money: Money): bigint {
  const problem = moneyProblem(money);
  if (problem) throw new RangeError(`${JSON.stringify(money.value)} ${money.currency} is not a valid amount (${problem}).`);
  const digits = minorDigits(money.currency)!;
  const [whole = '0', fraction = ''] = money.value.split('.');
  return BigInt(whole + fraction.padEnd(digits, '0'));
}

/** The decimal string of an amount in minor units, with exactly the currency's digits. */
export function fromMinorUnits(minor: bigint, currency: string): Money {
  const digits = minorDigits(currency);
  if (digits === undefined) throw new RangeError(`${currency} is not an ISO 4217 currency.`);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const value = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return { value: negative ? `-${value}` : value, currency };
}

/** A signed amount ("-55.80", a difference to recover) in minor units; `toMinorUnits` takes positive amounts only. */
export function signedMinorUnits(money: Money): bigint {
  if (/^-?0+(\.0+)?$/.test(money.value)) return 0n;
  const negative = money.value.startsWith('-');
  const minor = toMinorUnits({ value: negative ? money.value.slice(1) : money.value, currency: money.currency });
  return negative ? -minor : minor;
}
