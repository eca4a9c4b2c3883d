import type { Random } from './random.js';
import type { Currency, Language } from './truth.js';

/** How a receipt prints its amounts: decimal mark, thousands separator, where the currency goes. */
export interface NumberStyle {
  readonly decimal: ',' | '.';
  readonly thousands: '' | ' ' | '.' | ',' | "'";
  /** Printed before or after totals ("45,00 €", "£45.00"). */
  readonly symbol: string;
  readonly symbolBefore: boolean;
}

const SYMBOLS: Record<Currency, readonly string[]> = { EUR: ['€', 'EUR'], GBP: ['£', 'GBP'], USD: ['$', 'USD'], CHF: ['CHF', 'CHF'] };

export function pickNumberStyle(random: Random, currency: Currency, language: Language): NumberStyle {
  const comma = currency === 'EUR' && language === 'fr' ? true : currency === 'EUR' ? random.chance(0.5) : false;
  const decimal = comma ? ',' : '.';
  const thousands = comma
    ? random.pick(['', ' ', '.'] as const)
    : currency === 'CHF'
      ? random.pick(['', "'"] as const)
      : random.pick(['', ','] as const);
  const symbol = random.pick(SYMBOLS[currency]);
  const symbolBefore =
    symbol !== '' &&
    (currency === 'GBP' || currency === 'USD'
      ? symbol.length === 1
      : currency === 'CHF'
        ? random.chance(0.7)
        : symbol === '€' && random.chance(0.2));
  return { decimal, thousands, symbol, symbolBefore };
}

/** Cents to printed text in the style, without currency: 123456 → "1 234,56". */
export function formatAmount(minor: number, style: NumberStyle): string {
  const sign = minor < 0 ? '-' : '';
  const absolute = Math.abs(minor);
  const whole = String(Math.trunc(absolute / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, style.thousands);
  return `${sign}${whole}${style.decimal}${String(absolute % 100).padStart(2, '0')}`;
}

/** With the receipt's currency sign or code, where it goes. */
export function formatMoney(minor: number, style: NumberStyle): string {
  const amount = formatAmount(minor, style);
  if (style.symbol === '') return amount;
  const space = style.symbol.length > 1 ? ' ' : '';
  return style.symbolBefore ? `${style.symbol}${space}${amount}` : `${amount} ${style.symbol}`;
}

export function formatRate(rateMilli: number, decimal: ',' | '.', random: Random): string {
  const plain = (rateMilli / 1000).toFixed(3).replace(/\.?0+$/, '');
  const printed = rateMilli % 10 === 0 && random.chance(0.3) ? (rateMilli / 1000).toFixed(2) : plain;
  return `${printed.replace('.', decimal)}${random.chance(0.3) ? ' ' : ''}%`;
}

const MONTHS: Record<Language, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const FRENCH_ABBREVIATIONS = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isoOf({ year, month, day }: CalendarDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date as a receipt of this language and currency may print it. */
export function formatDate(date: CalendarDate, language: Language, currency: Currency, random: Random): string {
  const dd = String(date.day).padStart(2, '0');
  const mm = String(date.month).padStart(2, '0');
  const yy = String(date.year % 100).padStart(2, '0');
  const month = MONTHS[language][date.month - 1]!;
  const formats: (() => string)[] = [
    () => `${dd}/${mm}/${date.year}`,
    () => `${dd}.${mm}.${yy}`,
    () => `${date.year}-${mm}-${dd}`,
    () => `${dd}/${mm}/${yy}`,
    () => `${dd}-${mm}-${date.year}`,
    () => (language === 'fr' ? `${date.day} ${month} ${date.year}` : `${date.day} ${month} ${date.year}`),
    () =>
      language === 'fr' ? `${date.day} ${FRENCH_ABBREVIATIONS[date.month - 1]} ${date.year}` : `${dd} ${month.slice(0, 3)} ${date.year}`,
  ];
  if (language === 'en') formats.push(() => `${month} ${date.day}, ${date.year}`);
  if (currency === 'USD')
    return random.pick([() => `${mm}/${dd}/${date.year}`, () => `${month} ${date.day}, ${date.year}`, () => `${mm}/${dd}/${yy}`])();
  return random.pick(formats)();
}

export function formatTime(random: Random): string {
  return `${String(random.int(7, 22)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
}
