import type { Line } from '../text/lines.js';
import { indexOfRun } from '../text/find-run.js';
import { cleanLine, labelOf } from '../text/normalize.js';
import { trimEnds } from '../text/trim-ends.js';
import { endsHeader, hasLegalForm, isLegalFormOnly, withoutRegistration } from './merchant-header.js';
import { spaceGluedWords } from './merchant-words.js';
import type { Field, WordConfidence } from './types.js';

// Lines at the top of a receipt that are not its merchant's name (besides its address and numbers).
const NOT_A_NAME = [
  /\b(POMPE|PUMP|CAISSE|TERMINAL|TPE)\b/,
  /\b(BIENVENUE|WELCOME|MERCI|THANK|BONJOUR|HELLO|A BIENTOT|AU REVOIR|BONNE JOURNEE|PLEASE|COME AGAIN|SEE YOU|REPRISE|ECHANGEE?S?|OPENING|HOURS|HORAIRES|OUVERT)\b|RETURNABLE|REFUNDABLE/,
  /^\W*(FACTURE|INVOICE|RECEIPT|TICKET|RECU|NOTE|ADDITION|DUPLICATA|COPIE|CUSTOMER COPY|COPY|TAX INVOICE|SALES RECEIPT|TICKET DE CAISSE|TICKET CLIENT|BON|ORIGINAL|CLIENT|CAISSE|TABLE|SERVEUR|SERVER|DATE|N°|NO\.?|CHECK|ORDER)\b/,
  // A title anywhere on its line, words glued or not ("SIMPLIFIEDTAXINVOICE").
  /INVOICE|RECEIPT|\b(FACTURE|DUPLICATA)\b/,
  // Promotions and calls for feedback; a line that exclaims is a slogan.
  /\b(VOUCHERS?|COUPONS?|POINTS|REDEEM|EXPIRY|EXPIRES?|MEMBERS?|PROMOTIONS?|FEEDBACK|COMPLAINTS?|SURVEY|FOLLOW US|LIKE US|FIDELITE|CUMULEZ|OFFRE|SUIVEZ)\b|!\W*$/,
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
  return (
    spaceGluedWords(trimEnds(text, NOT_LETTER_OR_DIGIT, NOT_NAME_END))
      .replace(/\s{2,}/g, ' ')
      // A zero read for an O inside a word, or at its end before a full stop ("AEON C0.(M) BHD").
      .replace(/(?<=[A-Za-z])0(?=[A-Za-z]|\.)/g, 'O')
      .trim()
  );
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
  return !endsHeader(line.label) && !NOT_A_NAME.some((pattern) => pattern.test(line.label));
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

const asLine = (line: Line, text: string): Line => ({ ...line, text, label: labelOf(text) });
const joined = (first: Line, second: Line): Line => asLine(first, `${first.text.trimEnd()} ${second.text.trim()}`);
// Printed names are in capitals or capitalised: a line in small letters is a note or a stamp.
const inSmallLetters = (line: Line) => !/[A-Z]/.test(line.text) && /[a-z]{3}/.test(line.text);
// OCR glues the words of small print: a name read as one long word, or with its legal form glued on
// ("BAKERIES(KL)SDNBHD"), is not sure to be right.
const GLUED = /[A-Za-z]{16}|[A-Za-z)](?:SDN|BHD|LTD|SARL|GMBH|INC)\b/;

interface HeaderName {
  readonly line: Line;
  /** Its position among the legible top lines. */
  readonly index: number;
  readonly ocr: number | undefined;
  readonly legalForm: boolean;
  /** Found before the address, the phone and the numbers that end the header block. */
  readonly inHeader: boolean;
}

/**
 * The name in the header block, the lines above the address, phone and registration numbers:
 * a line with a legal form ("... SDN BHD", "... SARL") before any other; a name split over two
 * lines (its legal form alone on the second, or a first line ending in "&") joined.
 */
function headerName(top: readonly { line: Line; ocr: number | undefined }[]): HeaderName | undefined {
  const names: HeaderName[] = [];
  let inHeader = true;
  for (const [index, { line, ocr }] of top.entries()) {
    const bare = asLine(line, withoutRegistration(line.text));
    const next = top[index + 1]?.line;
    const previous = names.at(-1);
    if (isLegalFormOnly(bare.label) && previous?.index === index - 1 && !previous.legalForm) {
      names[names.length - 1] = { ...previous, line: joined(previous.line, bare), legalForm: true };
      continue;
    }
    if (looksLikeName(bare)) {
      const name = /&$/.test(bare.text.trim()) && next && looksLikeName(next) ? joined(bare, next) : bare;
      names.push({ line: name, index, ocr, legalForm: hasLegalForm(name.label), inHeader });
    } else if (endsHeader(line.label)) inHeader = false;
  }
  const header = names.filter((name) => name.inHeader);
  return (
    header.find((name) => name.legalForm) ??
    header.find((name) => !inSmallLetters(name.line)) ??
    header[0] ??
    names.find((name) => !inSmallLetters(name.line)) ??
    names[0]
  );
}

function confidenceOf({ line, index, ocr, legalForm, inHeader }: HeaderName): number {
  let confidence = !inHeader ? 0.3 : legalForm && index <= 1 ? 0.9 : index === 0 ? 0.8 : index <= 2 ? 0.65 : 0.5;
  if (inHeader && line.label === line.text.toUpperCase() && /[A-Z]{3}/.test(line.text)) confidence += 0.05;
  if (GLUED.test(line.text)) confidence = Math.min(confidence, 0.6);
  if (ocr !== undefined) confidence *= Math.min(1, 0.4 + ocr / 150);
  return Number(Math.min(0.95, confidence).toFixed(2));
}

/**
 * The merchant: a labelled "Vendeur : X" anywhere, otherwise the name in the header block
 * (headerName), not an address, a phone number, a greeting, a slogan or a document title.
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
  const found = headerName(top);
  if (!found) return null;
  return { value: cleanName(found.line.text), confidence: confidenceOf(found) };
}
