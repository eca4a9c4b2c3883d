import { collapseSpaces, foldText } from './fold.js';

/** What card statements put before the merchant: `CB`, `PAIEMENT CB`, `PRLV SEPA`, `VIR`... */
const CARD_PREFIX =
  /^(?:PAIEMENT\s+(?:PAR\s+)?(?:CB|CARTE)|ACHAT\s+(?:CB|CARTE)|FACTURE\s+CARTE|CARTE\s+X?\d*|PRLV(?:\s+SEPA)?|VIR(?:EMENT)?(?:\s+SEPA)?|PAIEMENT|CB)(?:\s+|$)/;

/** Dates a statement appends: 12/03, 12.03.24, 12-03-2024. */
const DATE = /\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b/g;

/** The `N°`, `No`, `Nº` before a store number (`N°` folds to `N`, `Nº` to `NO`). */
const NUMBER_SIGN = /\bNO?\s*(?=\d)/g;

/** A web address: the label before the top-level domain names the merchant (`www.sncf.com` → SNCF). */
const DOMAIN = /\b(?:WWW\.)?([A-Z0-9-]+)\.(?:COM|FR|NET|ORG|EU|DE|IO|CO\.UK|UK|BE|ES|IT)\b(?:\/\S*)?/g;

/** Payment processors that print `PROCESSOR *MERCHANT`: the merchant is after the star. */
const PROCESSORS = new Set(['PAYPAL', 'SUMUP', 'SQ', 'ZETTLE', 'IZETTLE', 'STRIPE']);

const LEGAL_FORMS = new Set([
  'SA',
  'SAS',
  'SASU',
  'SARL',
  'EURL',
  'SNC',
  'SCI',
  'GMBH',
  'AG',
  'LTD',
  'LIMITED',
  'PLC',
  'INC',
  'LLC',
  'CORP',
  'BV',
  'NV',
  'SPA',
  'SRL',
  'SL',
]);

/** A store number or reference: mostly digits (`0892`, `1234`, `N12`), while `G7` or `A7` stay names. */
function isNumberToken(token: string): boolean {
  return token.replace(/\D/g, '').length > token.length / 2;
}

function pickAroundStar(text: string): string {
  const [before = '', after = ''] = text.split('*', 2).map((part) => part.trim());
  if (after === '') return before;
  return PROCESSORS.has(before) ? after : before;
}

/**
 * A merchant name reduced to the words that name the merchant, upper case, no accents:
 * `CB CARREFOUR 12/03` → `CARREFOUR`, `SNCF CONNECT 0892` → `SNCF CONNECT`, `Uber BV` → `UBER`,
 * `sncf.com` → `SNCF`. May return '' (a name made of digits only, say).
 */
export function cleanMerchantName(raw: string): string {
  let text = collapseSpaces(foldText(raw).replace(DATE, ' ').replace(NUMBER_SIGN, ' '));
  text = text.replace(DOMAIN, (_match, label: string) => label);
  // Dots left are abbreviations (S.A.S., B.V.): dropping them joins the letters.
  text = collapseSpaces(text.replace(/\./g, '').replace(/[/&-]/g, ' '));
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text.replace(CARD_PREFIX, '');
  }
  text = pickAroundStar(text).replace(/\*/g, ' ');
  const tokens = collapseSpaces(text)
    .split(' ')
    .filter((token) => token !== '' && !isNumberToken(token) && !LEGAL_FORMS.has(token));
  return tokens.join(' ');
}
