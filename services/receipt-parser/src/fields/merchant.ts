import type { Line } from '../text/lines.js';
import type { Field } from './types.js';

// Lines at the top of a receipt that are not its merchant's name.
const NOT_A_NAME = [
  /\b(RUE|AVENUE|AV\.|BD|BOULEVARD|PLACE|CHEMIN|ROUTE|ALLEE|QUAI|IMPASSE|COURS|FAUBOURG|STREET|ST\.|ROAD|RD\.?|LANE|AVE\.?|SQUARE|DRIVE|WAY|STRASSE|CEDEX)\b/,
  /\b(POMPE|PUMP|CAISSE|TERMINAL|TPE)\b|N°\s*\d|\bNO\.?\s*\d/,
  /\b(TEL|TEL\.|TELEPHONE|PHONE|FAX|SIRET|SIREN|RCS|APE|NAF|TVA|VAT|WWW|HTTP|EMAIL|E-MAIL|CAPITAL|SAS|SARL AU CAPITAL)\b|@|\.(COM|FR|CO\.UK|CH|DE)\b/,
  /\b(BIENVENUE|WELCOME|MERCI|THANK|BONJOUR|HELLO|A BIENTOT)\b/,
  /^\W*(FACTURE|INVOICE|RECEIPT|TICKET|RECU|NOTE|ADDITION|DUPLICATA|COPIE|CUSTOMER COPY|COPY|TAX INVOICE|SALES RECEIPT|TICKET DE CAISSE|TICKET CLIENT|BON|ORIGINAL|CLIENT|CAISSE|TABLE|SERVEUR|SERVER|DATE|N°|NO\.?|CHECK|ORDER)\b/,
  /\b\d{5}\b\s+[A-Z]|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/,
];
const LABELLED = /^\W*(?:VENDEUR|FOURNISSEUR|MERCHANT|SELLER|VENDOR|SUPPLIER|EMETTEUR|ETABLISSEMENT)\s*:\s*(.+)$/;
const TOP_LINES = 8;
const MIN_WORD_CONFIDENCE = 55;

function cleanName(text: string): string {
  return text
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}).]+$/gu, '')
    .replace(/\s{2,}/g, ' ')
    .replace(/(?<=[A-Za-z])0(?=[A-Za-z])/g, 'O')
    .trim();
}

function looksLikeName(line: Line): boolean {
  const name = cleanName(line.label);
  const letters = name.replace(/[^A-Z]/g, '').length;
  const digits = name.replace(/\D/g, '').length;
  if (letters < 3 || digits > 3 || letters < 0.6 * name.replace(/\s/g, '').length || /\d[.,]\d{2}\b/.test(name)) return false;
  return !NOT_A_NAME.some((pattern) => pattern.test(line.label));
}

/**
 * The merchant: a labelled "Vendeur : X" anywhere, otherwise the first line near the top that
 * reads like a name rather than an address, a phone number, a greeting or a document title.
 */
export function findMerchant(lines: readonly Line[], wordConfidence: (text: string) => number | undefined): Field<string> | null {
  for (const line of lines) {
    const labelled = LABELLED.exec(line.label);
    if (labelled) {
      const name = cleanName(line.text.slice(line.text.length - labelled[1]!.length));
      if (name.length >= 2) return { value: name, confidence: 0.85 };
    }
  }
  // OCR's guesses at a photo's background or a logo come with low word confidences: not a name.
  const legible = (line: Line) => (wordConfidence(line.text) ?? 100) >= MIN_WORD_CONFIDENCE;
  const top = lines.filter(legible).slice(0, TOP_LINES);
  const index = top.findIndex(looksLikeName);
  if (index < 0) return null;
  const line = top[index]!;
  const name = cleanName(line.text);
  let confidence = index === 0 ? 0.8 : index <= 2 ? 0.65 : 0.5;
  if (line.label === line.text.toUpperCase() && /[A-Z]{3}/.test(line.text)) confidence += 0.05;
  const ocr = wordConfidence(name);
  if (ocr !== undefined) confidence *= Math.min(1, 0.4 + ocr / 150);
  return { value: name, confidence: Number(Math.min(0.95, confidence).toFixed(2)) };
}
