import { CURRENCIES, fromMinorUnits, moneyProblem, toMinorUnits, type Money } from '@ndf/contracts';
import { StatementError } from './statement-error.js';

/**
 * A statement's amount as printed: `12.50`, `12,50`, `1 234,56`, `1,234.56`, `-8.00`, `8.00-`.
 * Returns the absolute value and whether it was negative; never goes through a float.
 */
export function parseAmount(text: string, currency: string, field: string): { money: Money; negative: boolean } {
  const currencyCode = currency.trim().toUpperCase();
  if (!CURRENCIES.includes(currencyCode))
    throw new StatementError(field, 'invalid_currency', `"${currency}" is not an ISO 4217 currency code.`);
  let raw = text.trim().replaceAll(/[\s\u00a0\u202f']/g, '');
  let negative = false;
  if (/^[-−]/.test(raw) || /-$/.test(raw)) {
    negative = true;
    raw = raw.replace(/^[-−]/, '').replace(/-$/, '');
  } else if (raw.startsWith('+')) raw = raw.slice(1);
  // The last separator followed by one to three digits at the end is the decimal one when both kinds appear.
  const lastComma = raw.lastIndexOf(',');
  const lastPoint = raw.lastIndexOf('.');
  const decimal = lastComma > lastPoint ? ',' : '.';
  const thousands = decimal === ',' ? '.' : ',';
  const normalised = raw.replaceAll(thousands, '').replace(decimal, '.');
  if (!/^\d{1,12}(\.\d{1,4})?$/.test(normalised))
    throw new StatementError(field, 'invalid_amount', `"${text}" is not an amount (digits, one decimal separator).`);
  const [units = '0', fraction = ''] = normalised.split('.');
  const value = fraction === '' ? String(BigInt(units)) : `${BigInt(units)}.${fraction}`;
  const problem = moneyProblem({ value, currency: currencyCode });
  if (problem !== undefined)
    throw new StatementError(field, 'invalid_amount', `"${text}" is not an amount in ${currencyCode} (${problem}).`);
  // Canonical digits ("12.5" EUR is "12.50"), so that equal amounts are equal strings.
  return { money: fromMinorUnits(toMinorUnits({ value, currency: currencyCode }), currencyCode), negative };
}

/** A statement's date: ISO `2026-03-12` (a time after it ignored), or `12/03/2026` and `12.03.2026` (day first, as French issuers print them). */
export function parseDate(text: string, field: string): string {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(trimmed);
  const dayFirst = /^(\d{2})[/.](\d{2})[/.](\d{4})$/.exec(trimmed);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  const date = year ? `${year}-${month}-${day}` : '';
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!year || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new StatementError(field, 'invalid_date', `"${text}" is not a date (YYYY-MM-DD or DD/MM/YYYY).`);
  return date;
}
