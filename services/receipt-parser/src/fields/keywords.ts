// Labels of receipt lines, French and English, matched on folded uppercase text (see labelOf).
// Spaces are optional inside labels because OCR often drops them ("TOTALTTC").

/** The amount to pay, VAT included: the strongest wordings. */
// OCR slips read in: PAYER as PAVER or PAYFR, NET as "NE T", TTC as TIC or TTG, AMOUNT as AMT, a label alone ("TO PAY").
export const TOTAL_DUE =
  /N\s?E\s?T\s*A\s*PA[YV][EF]R|(?:TOTAL|MONTANT|RESTE|SOMME)\s*A\s*PA[YV][EF]R|(?:TOTAL|MONTANT)\s*:?\s*T\.?\s*[TI1]\.?\s*[CG]\b|AMOUNT\s*DUE|TOTAL\s*DUE|BALANCE\s*DUE|GRAND\s*TOTAL|TOTAL\s*TO\s*PAY|TOTAL\s*PAYABLE|AM(?:OUN)?T\s*PAYABLE|^\W*TO\s*PAY\b\W*(?![A-Z\s]*[A-Z])|TOTAL\s*\(?\s*INC(?:L|LUDING)?\b|TOTAL\s*GENERAL|TOTAL\s*FACTURE|TOTAL\s*(?:EUR|CHF|GBP|USD)\b|TOTAL\s*AMOUNT|AMOUNT\s*TO\s*PAY|MONTANT\s*TOTAL|TOTAL\s*(?:€|\$|£)/;
/** A plain total, which may still be the one paid; "DUE" or "PAY" alone before the amount too. */
export const TOTAL = /T[O0]TA[L1I]|\bMONTANT\b|\bA\s*PAYER\b|\bT\.?T\.?C\b|\bSOMME\b|\bBALANCE\b|^\W*DUE\b\W*(?![A-Z\s]*[A-Z])/;
/** Excluding VAT. */
export const EXCL_VAT =
  /\bH\.?\s*T\.?\b|HORS\s*TAXES?|SOUS[\s-]*TOTAL|SUB[\s-]*TOTAL|TOTAL\s*NET\b|NET\s*TOTAL|NET\s*AMOUNT|MONTANT\s*NET|EXCL|EXCLUDING|BEFORE\s*TAX|PRE[\s-]*TAX|\bBASE\b|\bNET\b(?!\s*A\s*PA[YV][EF]R)|\bHTVA\b/;
/** VAT or sales tax. */
export const VAT =
  /\bT\.?\s?V\.?\s?A\b|\bVAT\b|\bTAX\b|\bTAXES\b|\bTAXE\b|\bMWST\b|\bUST\b|\bIVA\b|\bGST\b|\bBTW\b|\bTVA\d|VAT\d|SALES\s*TAX/;
/** VAT called by a European name (within a word too: "VAT21%"), and the taxes that charge rates of their own (GST, SST, US sales tax). */
export const EUROPEAN_VAT = /\bT\.?\s?V\.?\s?A\b|TVA\d|\bVAT|\bMWST\b|\bUST\b|\bIVA\b|\bBTW\b/;
export const NON_EUROPEAN_TAX = /\bGST\b|\bSST\b|SALES\s*TAX/;
/** Payment lines: their amount is what was paid, which supports a total ("PAY 20.00" alone: what was handed over). */
export const PAYMENT =
  /^\W*PAY\b\W*(?![A-Z\s]*[A-Z])|\bCB\b|\bC\.B\.|CARTE|\bVISA\b|MASTERCARD|\bMASTER\b|\bAMEX\b|MAESTRO|PAIEMENT|\bPAYE\b|\bPAID\b|PAYMENT|\bCARD\b|CONTACTLESS|SANS\s*CONTACT|\bDEBIT\b|REGLEMENT|\bCHEQUE\b|APPLE\s*PAY|GOOGLE\s*PAY|\bCREDIT\s*CARD\b/;
/** Cash handed over: may be more than the total. */
export const CASH_GIVEN = /ESPECES|\bCASH\b|\bTENDERED\b/;
/** Change given back: never the total. */
export const CHANGE = /RENDU|MONNAIE|\bCHANGE\b|A\s*RENDRE|\bRENDRE\b|CHANGE\s*DUE/;
export const TIP = /POURBOIRE|\bTIPS?\b|GRATUITY|\bSERVICE\s*CHARGE\b/;
export const DISCOUNT = /REMISE|RISTOURNE|DISCOUNT|REDUCTION|ECONOMIE|BON\s*D.?ACHAT|COUPON|\bAVOIR\b|FIDELITE|\bPROMO|SAVINGS?\b|LOYALTY/;
/** Item counts and other figures that sit beside "total" but are not money. */
export const NOT_MONEY =
  /NB\.?\s*(?:D.)?ART|NOMBRE\s*D.?ARTICLES|\bARTICLES?\b|\bITEMS?\b|\bQTE\b|\bQTY\b|POINTS?\b|\bKM\b|LITRES?\b|\bVOL\b/;

/** Words that tell French from English receipts. */
export const FRENCH_WORDS =
  /(?<![A-Z])(?:TVA|TTC|HT)(?![A-Z])|TOTAL\s*A\s*PAYER|NET\s*A\s*PAYER|\bMERCI\b|\bMONTANT\b|\bRENDU\b|ESPECES|\bFACTURE\b|\bLE\b|\bDU\b|\bDES\b|\bPOUR\b|\bSIRET\b|\bRUE\b|\bAVENUE\b|\bCARTE\b/g;
export const ENGLISH_WORDS =
  /(?<![A-Z])(?:VAT|TAX)(?![A-Z])|SUBTOTAL|\bTHANK\b|\bTHE\b|\bAMOUNT\b|\bCHANGE\b|\bRECEIPT\b|\bINVOICE\b|\bSTREET\b|\bROAD\b|\bCARD\b|\bDUE\b|\bYOU\b/g;
