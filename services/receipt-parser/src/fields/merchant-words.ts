// OCR glues the words of small print ("UNITEDTRADINGSDNBHD"): the words that end a company's name
// (its legal form, its trade) or, in French, start it ("BOULANGERIEMARTIN") are put apart again.

/** Legal forms, and the trades a company's name commonly ends with. Longest first, so that "ENTERPRISES" wins over "ENTERPRISE". */
const NAME_ENDINGS = [
  'INTERNATIONAL',
  'ENTERPRISES',
  'ENTERPRISE',
  'STATIONERY',
  'RESTAURANT',
  'ELECTRICAL',
  'INDUSTRIES',
  'HOLDINGS',
  'HARDWARE',
  'SERVICES',
  'BAKERIES',
  'PHARMACY',
  'RESTORAN',
  'TRADING',
  'TRADERS',
  'COMPANY',
  'LIMITED',
  'MARKET',
  'BAKERY',
  'MOTORS',
  'HOTEL',
  'SARL',
  'EURL',
  'GMBH',
  'CORP',
  'SDN',
  'BHD',
  'LTD',
  'LLC',
  'PLC',
  'INC',
  'SAS',
] as const;
/** French names start with their trade: long words only, so that a name's own start is not taken for one. */
const NAME_STARTS = ['SUPERMARCHE', 'BOULANGERIE', 'PATISSERIE', 'BRASSERIE', 'BOUCHERIE', 'PHARMACIE', 'LIBRAIRIE', 'RESTAURANT'] as const;
const LEGAL_FORMS = new Set(['SDN', 'BHD', 'SARL', 'EURL', 'GMBH', 'LTD', 'LLC', 'PLC', 'INC', 'SAS', 'CORP']);
/** A word this long is rarely one word: below it, a run of letters is left alone unless it is legal forms only ("SDNBHD"). */
const GLUED_LENGTH = 10;
/** What must be left of a run for a word to be split off it. */
const MIN_REST = 4;

function isLegalFormsOnly(run: string): boolean {
  if (run === '') return true;
  return [...LEGAL_FORMS].some((form) => run.startsWith(form) && isLegalFormsOnly(run.slice(form.length)));
}

/** One run of letters, with the endings and start it was glued to spaced off. */
function spaceRun(run: string): string {
  const upper = run.toUpperCase();
  const legalOnly = isLegalFormsOnly(upper);
  if (upper.length < GLUED_LENGTH && !legalOnly) return run;
  for (const ending of NAME_ENDINGS) {
    const rest = upper.slice(0, -ending.length);
    if (upper.endsWith(ending) && (rest.length >= MIN_REST || (rest !== '' && isLegalFormsOnly(rest))))
      return `${spaceRun(run.slice(0, rest.length))} ${run.slice(rest.length)}`;
  }
  for (const start of NAME_STARTS) {
    if (upper.startsWith(start) && upper.length - start.length >= 3) return `${run.slice(0, start.length)} ${run.slice(start.length)}`;
  }
  return run;
}

/**
 * The name with the words OCR glued spaced again, a space around a bracket glued to a word
 * ("BAKERIES(KL)SDN"), and "SDN" glued to a short word before its "BHD" ("JALALSDN BHD").
 */
export function spaceGluedWords(name: string): string {
  return name
    .replace(/[A-Za-z]+/g, spaceRun)
    .replace(/(?<=[A-Za-z]{3})(SDN)(?=\W{0,2}BHD\b)/gi, ' $1')
    .replace(/(?<=[A-Za-z])\(/g, ' (')
    .replace(/\)(?=[A-Za-z])/g, ') ');
}
