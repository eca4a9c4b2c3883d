import type { Line } from '../text/lines.js';
import { indexOfRun } from '../text/find-run.js';
import { cleanLine, labelOf } from '../text/normalize.js';
import { trimEnds } from '../text/trim-ends.js';
import type { Field, WordConfidence } from './types.js';

// Lines at the top of a receipt that are not its merchant's name.
const NOT_A_NAME = [
  /\b(RUE|AVENUE|AV\.|BD|BOULEVARD|PLACE|CHEMIN|ROUTE|ALLEE|QUAI|IMPASSE|COURS|FAUBOURG|STREET|ST\.|ROAD|RD\.?|LANE|AVE\.?|SQUARE|DRIVE|WAY|STRASSE|CEDEX)\b/,
  /\b(POMPE|PUMP|CAISSE|TERMINAL|TPE)\b|N°\s*\d|\bNO\.?\s*\d/,
  /\b(TEL|TEL\.|TELEPHONE|PHONE|FAX|SIRET|SIREN|RCS|APE|NAF|TVA|VAT|WWW|HTTP|EMAIL|E-MAIL|CAPITAL|SAS|SARL AU CAPITAL)\b|@|\.(COM|FR|CO\.UK|CH|DE)\b/,
  /\b(BIENVENUE|WELCOME|MERCI|THANK|BONJOUR|HELLO|A BIENTOT|AU REVOIR|BONNE JOURNEE|PLEASE|COME AGAIN|SEE YOU)\b/,
  /^\W*(FACTURE|INVOICE|RECEIPT|TICKET|RECU|NOTE|ADDITION|DUPLICATA|COPIE|CUSTOMER COPY|COPY|TAX INVOICE|SALES RECEIPT|TICKET DE CAISSE|TICKET CLIENT|BON|ORIGINAL|CLIENT|CAISSE|TABLE|SERVEUR|SERVER|DATE|N°|NO\.?|CHECK|ORDER)\b/,
  /\b\d{5}\b\s+[A-Z]|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/,
  // A house number and a street, whatever the street is called ("161 Broadway").
  /^\d{1,4}[A-Z]?,?\s+[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)?$/,
];
const LABELLED = /^\W*(?:VENDEUR|FOURNISSEUR|MERCHANT|SELLER|VENDOR|SUPPLIER|EMETTEUR|ETABLISSEMENT)\s*:\s*(.+)$/;
const TOP_LINES = 8;
// Words OCR is less sure of than this are left out of a name; short scraps need more.
const MIN_WORD_CONFIDENCE = 45;
const MIN_LINE_CONFIDENCE = 50;
const SURE = 85;
const GUESS = 25;

const NOT_LETTER_OR_DIGIT = /^[^\p{L}\p{N}]$/u;
const NOT_NAME_END = /^[^\p{L}\p{N}).]$/u;

function cleanName(text: string): string {
  return trimEnds(text, NOT_LETTER_OR_DIGIT, NOT_NAME_END)
    .replace(/\s{2,}/g, ' ')
    .replace(/(?<=[A-Za-z])0(?=[A-Za-z])/g, 'O')
    .trim();
}

function looksLikeName(line: Line): boolean {
  const name = cleanName(line.label);
  const letters = name.replace(/[^A-Z]/g, '').length;
  const digits = name.replace(/\D/g, '').length;
  // Three letters make a name only in capitals ("KFC"); "pas" is a scrap of OCR.
  const capitals = line.text.replace(/[^A-Z]/g, '').length;
  if (
    letters < 3 ||
    (letters < 4 && capitals < 3) ||
    digits > 3 ||
    letters < 0.6 * name.replace(/\s/g, '').length ||
    /\d[.,]\d{2}\b/.test(name)
  )
    return false;
  return !NOT_A_NAME.some((pattern) => pattern.test(line.label));
}

/** A line as its legible words read it: OCR's unsure guesses left out, and short scraps at its ends. */
function legibleLine(line: Line, words: readonly WordConfidence[] | undefined): { line: Line; ocr: number | undefined } | undefined {
  const own = words?.filter((word) => word.line === line.source) ?? [];
  // The words that make the line as given: edge noise may already have been dropped from it.
  const wanted = line.text.trim().split(/\s+/);
  // OCR words hold no spaces: the line is a run of them, or they are not its words.
  const start = own.some((word) => /\s/.test(word.text))
    ? -1
    : indexOfRun(
        own.map((word) => word.text),
        wanted,
      );
  if (start < 0) return { line, ocr: undefined };
  const span = own.slice(start, start + wanted.length);
  // A line OCR mostly guessed at (a photo's background, a logo) is no name, whatever it spells.
  if (span.reduce((sum, word) => sum + word.confidence, 0) / span.length < MIN_LINE_CONFIDENCE) return undefined;
  // The name runs from the first to the last word read with confidence (short scraps need more);
  // between them, only outright guesses are left out.
  const firm = (word: WordConfidence) =>
    word.confidence >= (word.text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2 ? SURE : MIN_WORD_CONFIDENCE);
  const [first, last] = [span.findIndex(firm), span.findLastIndex(firm)];
  if (first < 0) return undefined;
  const kept = span.slice(first, last + 1).filter((word) => word.confidence >= GUESS);
  const text = cleanLine(kept.map((word) => word.text).join(' '));
  const ocr = kept.reduce((sum, word) => sum + word.confidence, 0) / kept.length;
  return { line: { ...line, text, label: labelOf(text) }, ocr };
}

/**
 * The merchant: a labelled "Vendeur : X" anywhere, otherwise the first line near the top that
 * reads like a name rather than an address, a phone number, a greeting or a document title.
 * With OCR words, a line is read from its legible words only.
 */
export function findMerchant(lines: readonly Line[], words: readonly WordConfidence[] | undefined): Field<string> | null {
  for (const line of lines) {
    const labelled = LABELLED.exec(line.label);
    if (labelled) {
      const name = cleanName(line.text.slice(line.text.length - labelled[1]!.length));
      if (name.length >= 2) return { value: name, confidence: 0.85 };
    }
  }
  const top = lines
    .slice(0, TOP_LINES)
    .map((line) => legibleLine(line, words))
    .filter((legible) => legible !== undefined);
  const index = top.findIndex(({ line }) => looksLikeName(line));
  if (index < 0) return null;
  const { line, ocr } = top[index]!;
  const name = cleanName(line.text);
  let confidence = index === 0 ? 0.8 : index <= 2 ? 0.65 : 0.5;
  if (line.label === line.text.toUpperCase() && /[A-Z]{3}/.test(line.text)) confidence += 0.05;
  if (ocr !== undefined) confidence *= Math.min(1, 0.4 + ocr / 150);
  return { value: name, confidence: Number(Math.min(0.95, confidence).toFixed(2)) };
}
