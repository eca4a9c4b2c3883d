// How the lines of a receipt's header block read: the shop's name, its legal form, or what
// ends the block (its address, phone, registration and tax numbers).

const LEGAL_FORM_WORDS =
  'SARL|SASU|SAS|SA|EURL|SNC|SCI|SELARL|SDN\\W{0,2}BHD|SDN|BHD|S/B|LTD|LIMITED|INC|LLC|LLP|PLC|GMBH|AG|CORP|PTE|ENTERPRISES?|TRADING';
// A legal form ends a company's name ("... SDN BHD", "... Ltd.") or, in French, may start it ("SARL DUPONT").
const LEGAL_FORM_AT_END = new RegExp(`(?:^|[\\s.,()])(?:${LEGAL_FORM_WORDS})\\.?$`);
const LEGAL_FORM_AT_START = /^(?:SARL|SASU|SAS|EURL|SNC|SELARL)\s+\S/;
const LEGAL_FORM_ONLY = new RegExp(`^(?:\\W*(?:${LEGAL_FORM_WORDS}|CO|COMPANY|CIE|M)\\b\\W*)+$`);

// A registration number printed after the name: "(519537-X)", "(Co No.315481-T)", "273500-U (KJ1)".
const TRAILING_REGISTRATION = [/\s*\([^()]*\d[^()]*\d[^()]*\d[^()]*\d[^()]*\)?\s*$/, /\s+\d{5,8}\s*-\s*[A-Z0-9]\b(?:\s*\([^()]*\))?\s*$/i];
// OCR's usual slips on "SDN BHD": "SDN.RHD", "SDN BHX", "SON BHD", "San Bhd".
const SLIPPED_BHD = /\bS[DCOA0]N(\W{0,2})(?:[BR8]HD|BH[XUCO0])\b/gi;

const STREET_WORDS =
  /\b(RUE|AVENUE|BD|BOULEVARD|PLACE|CHEMIN|ROUTE|ALLEE|QUAI|IMPASSE|COURS|FAUBOURG|STREET|ROAD|RD|LANE|AVE|SQUARE|DRIVE|WAY|STRASSE|CEDEX|JALAN|JLN|JL|TAMAN|TMN|LOT|LORONG|PERSIARAN|KAWASAN|SEKSYEN|FLOOR|FLR|LEVEL|ETAGE|BLOCK|BLK)\b|\b(?:AV|ST)\./;
const HOUSE_NUMBER = /(?:^|\s)(?:N°|NO?\.?|NO:)\s*\d|^\d{1,4}[A-Z]?,?\s+[A-Z][A-Z'-]+(?:\s+[A-Z][A-Z'-]+)?$/;
const POSTCODE = /\b\d{5}\b\s*[A-Z]|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
const CONTACT = /\b(TEL|TELEPHONE|PHONE|FAX|HP|WWW|HTTP|EMAIL|E-MAIL)\b|@|\.(COM|FR|MY|CO\.UK|CH|DE)\b|\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}/;
const TAX_OR_REGISTRATION =
  /\b(SIRET|SIREN|RCS|APE|NAF|TVA|VAT|GST|SST|ABN|REG|CO\.?\s*NO|COMPANY\s*NO|AU CAPITAL|CAPITAL DE|SHARE CAPITAL)\b|^\W*\([^()]*\d{4,}[^()]*\)?\W*$|^\W*\d{4,}\s*-\s*[A-Z]\W*$/;

/** The line without a registration number printed after the name, and with "SDN BHD" as OCR slipped on it put back. */
export function withoutRegistration(text: string): string {
  let name = text;
  for (const pattern of TRAILING_REGISTRATION) name = name.replace(pattern, '');
  return name.replace(SLIPPED_BHD, (slipped: string, between: string) =>
    slipped === slipped.toUpperCase() ? `SDN${between}BHD` : `Sdn${between}Bhd`,
  );
}

/** Whether a (folded) line names a company with its legal form: "ORIENT FOOD SDN BHD", "SARL DUPONT". */
export const hasLegalForm = (label: string): boolean =>
  !LEGAL_FORM_ONLY.test(label) && (LEGAL_FORM_AT_END.test(label.trim()) || LEGAL_FORM_AT_START.test(label.trim()));

/** Whether a (folded) line is a legal form alone, the end of a name printed over two lines ("CO. (M) SDN BHD"). */
export const isLegalFormOnly = (label: string): boolean => LEGAL_FORM_ONLY.test(label) && /[A-Z]{2}/.test(label);

/** Whether a (folded) line is an address, a phone or a web address, a tax or registration number: the header's name is above it. */
export const endsHeader = (label: string): boolean =>
  STREET_WORDS.test(label) || HOUSE_NUMBER.test(label) || POSTCODE.test(label) || CONTACT.test(label) || TAX_OR_REGISTRATION.test(label);
