import { ITEMS, LOCALES, MERCHANTS, STREETS, type Locale } from './catalogue.js';
import {
  formatAmount,
  formatDate,
  formatMoney,
  formatRate,
  formatTime,
  isoOf,
  pickNumberStyle,
  type CalendarDate,
  type NumberStyle,
} from './format.js';
import { Random } from './random.js';
import type { Language, PrintedLine, ReceiptDocument, ReceiptKind } from './truth.js';
import { makeVatNumber } from './vat-number.js';

const KINDS: readonly ReceiptKind[] = ['till', 'restaurant', 'hotel', 'fuel', 'taxi', 'train', 'supermarket', 'invoice'];

interface Item {
  readonly name: string;
  readonly amount: number;
  readonly rate: number;
}

/** VAT included in a gross amount at a rate (thousandths of a percent), to the cent. */
function includedVat(gross: number, rate: number): number {
  return gross - Math.round((gross * 100_000) / (100_000 + rate));
}

function words(language: Language) {
  return language === 'fr'
    ? {
        vat: 'TVA',
        total: ['TOTAL TTC', 'TOTAL', 'NET A PAYER', 'MONTANT TTC', 'TOTAL A PAYER', 'Total TTC', 'Net à payer'],
        excl: ['TOTAL HT', 'Total HT', 'MONTANT HT'],
        card: ['CB', 'CARTE BANCAIRE', 'CB SANS CONTACT', 'VISA'],
        cash: 'ESPECES',
        change: 'RENDU',
        date: ['Date :', 'Le', 'DATE'],
        thanks: ['MERCI DE VOTRE VISITE', 'A BIENTOT', 'Merci et bonne journée'],
        table: ['TAUX', 'HT', 'TVA', 'TTC'],
        including: 'dont TVA',
      }
    : {
        vat: 'VAT',
        total: ['TOTAL', 'Total', 'Amount due', 'Total to pay', 'BALANCE DUE', 'Total (incl. VAT)'],
        excl: ['Net total', 'Total excl. VAT', 'Subtotal excl. VAT'],
        card: ['VISA', 'CARD', 'CONTACTLESS', 'MASTERCARD'],
        cash: 'CASH',
        change: 'CHANGE',
        date: ['Date:', 'Date', 'DATE'],
        thanks: ['THANK YOU', 'Thank you for your visit', 'PLEASE COME AGAIN'],
        table: ['RATE', 'NET', 'VAT', 'GROSS'],
        including: 'incl. VAT',
      };
}

function itemsFor(kind: ReceiptKind, locale: Locale, random: Random): Item[] {
  const catalogue = ITEMS[kind][locale.language];
  const count =
    kind === 'supermarket'
      ? random.int(12, 28)
      : kind === 'invoice'
        ? random.int(1, 4)
        : kind === 'fuel' || kind === 'train'
          ? 1
          : kind === 'taxi'
            ? random.int(1, 2)
            : random.int(2, 6);
  const rateOf = (reduced: boolean | undefined) => {
    if (kind === 'restaurant' || kind === 'hotel' || kind === 'taxi' || kind === 'train') return locale.serviceRate;
    return reduced ? locale.reducedRate : locale.standardRate;
  };
  return Array.from({ length: count }, (_, index) => {
    const item = kind === 'taxi' ? catalogue[index % catalogue.length]! : random.pick(catalogue);
    const quantity = kind === 'supermarket' || kind === 'restaurant' ? (random.chance(0.2) ? random.int(2, 4) : 1) : 1;
    const unit = Math.max(50, Math.round(item.price * random.between(0.7, 1.4)));
    return { name: quantity > 1 ? `${quantity} x ${item.name}` : item.name, amount: unit * quantity, rate: rateOf(item.reduced) };
  });
}

function randomDate(random: Random): CalendarDate {
  const year = random.int(2022, 2025);
  const month = random.int(1, 12);
  return { year, month, day: random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate()) };
}

/**
 * Receipt number `index` of the series `seed`: its kind, locale, layout, items and amounts are
 * drawn from the seed, so a given (seed, index) is always the same receipt.
 */
export function composeReceipt(seed: number, index: number): ReceiptDocument {
  const random = new Random(seed * 7919 + index * 104_729 + 1);
  const kind = KINDS[index % KINDS.length]!;
  const locale = random.pick(LOCALES);
  const { language, currency } = locale;
  const style = pickNumberStyle(random, currency, language);
  const w = words(language);
  const columns = kind === 'invoice' || kind === 'hotel' ? 64 : random.int(32, 42);
  const money = (minor: number) => formatMoney(minor, style);
  const plain = (minor: number) => (random.chance(0.5) ? formatAmount(minor, style) : money(minor));
  const merchant = random.pick(MERCHANTS[kind][language]);
  const date = randomDate(random);
  const printedDate = formatDate(date, language, currency, random);
  const vatNumber = locale.vatCountry && random.chance(0.6) ? makeVatNumber(random, locale.vatCountry) : null;

  const lines: PrintedLine[] = [];
  const center = kind !== 'invoice' && random.chance(0.8);
  lines.push({ left: merchant, align: center ? 'center' : 'left', bold: true, scale: random.pick([1, 1.2, 1.4]) });
  lines.push({ left: `${random.int(1, 180)} ${random.pick(STREETS[language])}`, align: center ? 'center' : 'left' });
  lines.push({ left: random.pick(locale.cities), align: center ? 'center' : 'left' });
  if (random.chance(0.6))
    lines.push({
      left: `Tel ${language === 'fr' ? `0${random.int(1, 5)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}` : `0${random.int(100, 999)} ${random.int(100, 999)} ${random.int(1000, 9999)}`}`,
      align: center ? 'center' : 'left',
    });
  if (vatNumber) lines.push({ left: vatNumber.printed, align: center ? 'center' : 'left' });
  lines.push({ left: '' });
  if (kind === 'invoice')
    lines.push({
      left: language === 'fr' ? `FACTURE N° ${random.int(2024001, 2024999)}` : `INVOICE No ${random.int(1000, 9999)}`,
      bold: true,
    });
  const dateAtTop = kind === 'invoice' || kind === 'hotel' || kind === 'train' || random.chance(0.5);
  const dateLine = (): PrintedLine => ({
    left: random.chance(0.7)
      ? `${random.pick(w.date)} ${printedDate}${kind === 'invoice' ? '' : `  ${formatTime(random)}`}`
      : `${printedDate} ${formatTime(random)}`,
  });
  if (dateAtTop) lines.push(dateLine());
  if (kind === 'hotel') {
    const nights = random.int(1, 4);
    lines.push({ left: language === 'fr' ? `Séjour : ${nights} nuit(s)` : `Stay: ${nights} night(s)` });
  }
  if (kind === 'restaurant')
    lines.push({
      left:
        language === 'fr'
          ? `Table ${random.int(1, 40)}  Couverts ${random.int(1, 6)}`
          : `Table ${random.int(1, 40)}  Covers ${random.int(1, 6)}`,
    });
  if (kind === 'fuel') lines.push({ left: language === 'fr' ? `POMPE N° ${random.int(1, 12)}` : `PUMP ${random.int(1, 12)}` });
  lines.push({ left: '' });

  const items = itemsFor(kind, locale, random);
  if (kind === 'supermarket' && random.chance(0.5)) {
    const discounted = items.find((item) => item.amount > 300);
    if (discounted)
      items.push({
        name: language === 'fr' ? 'REMISE FIDELITE' : 'LOYALTY DISCOUNT',
        amount: -Math.round(discounted.amount * 0.2),
        rate: discounted.rate,
      });
  }
  for (const item of items) lines.push({ left: item.name, right: formatAmount(item.amount, style) });
  lines.push({ left: '-'.repeat(Math.min(columns, 40)) });

  // Totals and VAT, per rate; US sales tax is added on top of pre-tax prices.
  const rates = [...new Set(items.map((item) => item.rate))].sort((a, b) => b - a);
  const grossByRate = rates.map((rate) => ({
    rate,
    gross: items.filter((item) => item.rate === rate).reduce((sum, item) => sum + item.amount, 0),
  }));
  let total: number;
  let exclVat: number;
  let vatLines: { rate: number; amount: number; base: number }[];
  if (locale.salesTax) {
    const rate = random.pick(locale.salesTax);
    exclVat = items.reduce((sum, item) => sum + item.amount, 0);
    const tax = Math.round((exclVat * rate) / 100_000);
    total = exclVat + tax;
    vatLines = [{ rate, amount: tax, base: exclVat }];
    lines.push({ left: 'Subtotal', right: formatAmount(exclVat, style) });
    lines.push({
      left: `${random.pick(['Sales Tax', 'Tax', 'NY Tax'])} ${formatRate(rate, '.', random)}`,
      right: formatAmount(tax, style),
    });
    lines.push({ left: random.pick(['TOTAL', 'Total', 'Amount Due']), right: money(total), bold: true });
  } else {
    vatLines = grossByRate.map(({ rate, gross }) => ({ rate, amount: includedVat(gross, rate), base: gross - includedVat(gross, rate) }));
    total = grossByRate.reduce((sum, { gross }) => sum + gross, 0);
    exclVat = total - vatLines.reduce((sum, line) => sum + line.amount, 0);
    const exclFirst = kind === 'invoice' || kind === 'hotel' || random.chance(0.3);
    if (exclFirst) lines.push({ left: random.pick(w.excl), right: formatAmount(exclVat, style) });
    const vatStyle = kind === 'invoice' ? 'inline' : random.pick(['inline', 'inline', 'table', 'including'] as const);
    if (vatStyle === 'inline' && exclFirst)
      for (const line of vatLines)
        lines.push({ left: `${w.vat} ${formatRate(line.rate, style.decimal, random)}`, right: formatAmount(line.amount, style) });
    lines.push({ left: random.pick(w.total), right: money(total), bold: true });
    if (vatStyle === 'inline' && !exclFirst)
      for (const line of vatLines)
        lines.push({ left: `${w.vat} ${formatRate(line.rate, style.decimal, random)}`, right: formatAmount(line.amount, style) });
    if (vatStyle === 'including')
      for (const line of vatLines)
        lines.push({ left: `${w.including} ${formatRate(line.rate, style.decimal, random)}`, right: formatAmount(line.amount, style) });
    if (vatStyle === 'table') {
      lines.push({ left: w.table.join('     ') });
      for (const line of vatLines)
        lines.push({
          left: `${formatRate(line.rate, style.decimal, random)}   ${formatAmount(line.base, style)}   ${formatAmount(line.amount, style)}   ${formatAmount(line.base + line.amount, style)}`,
        });
    }
  }
  paymentLines(lines, total, style, w, random, plain);
  if (!dateAtTop) lines.push(dateLine());
  lines.push({ left: '' });
  lines.push({ left: random.pick(w.thanks), align: 'center' });

  return {
    columns,
    lines,
    truth: {
      id: `${seed}-${index}`,
      kind,
      language,
      merchant,
      date: isoOf(date),
      totalInclVat: formatAmount(total, { decimal: '.', thousands: '', symbol: '', symbolBefore: false }),
      totalExclVat: formatAmount(exclVat, { decimal: '.', thousands: '', symbol: '', symbolBefore: false }),
      vatLines: vatLines
        .filter((line) => line.amount !== 0)
        .map((line) => ({
          rate: (line.rate / 1000).toFixed(3).replace(/\.?0+$/, ''),
          amount: formatAmount(line.amount, { decimal: '.', thousands: '', symbol: '', symbolBefore: false }),
        })),
      currency,
      merchantVatNumber: vatNumber?.value ?? null,
      // Drawn from the index rather than the series' random numbers, which would change every receipt after it.
      uploadedAt: new Date(Date.UTC(date.year, date.month - 1, date.day + 1 + (index % 5), 18)).toISOString(),
    },
  };
}

function paymentLines(
  lines: PrintedLine[],
  total: number,
  style: NumberStyle,
  w: ReturnType<typeof words>,
  random: Random,
  plain: (minor: number) => string,
): void {
  if (random.chance(0.2)) {
    const given = Math.ceil(total / 1000) * 1000 + (random.chance(0.5) ? 1000 : 0);
    lines.push({ left: w.cash, right: formatAmount(given, style) });
    lines.push({ left: w.change, right: formatAmount(given - total, style) });
  } else if (random.chance(0.8)) {
    lines.push({ left: random.pick(w.card), right: plain(total) });
  }
}
