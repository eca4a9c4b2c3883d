// The EPC's basic Latin character set, which every SEPA bank must accept (EPC217-08):
// a-z A-Z 0-9 / - ? : ( ) . , ' + and the space.
const SEPA_CHARACTERS = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

// Characters that Unicode does not decompose into a base letter and an accent.
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  þ: 'th',
  Þ: 'TH',
  '‘': "'",
  '’': "'",
};

/**
 * The text in the SEPA character set where it can be written there: accents dropped
 * (NFD, then the combining marks removed: "Zoë Lefèvre" → "Zoe Lefevre"), ligatures spelled
 * out ("Œuvre" → "OEuvre"), typographic apostrophes made ASCII ("d’Études" → "d'Etudes"), runs of spaces collapsed. Anything else is left as it is, for
 * `outsideSepaCharacters` to find.
 */
export function transliterateToSepa(text: string): string {
  return text
    .replace(/[ßæÆœŒøØłŁđĐþÞ‘’]/g, (character) => SPELLED_OUT[character] ?? character)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The distinct characters of `text` that are not in the SEPA character set. */
export function outsideSepaCharacters(text: string): string[] {
  if (SEPA_CHARACTERS.test(text)) return [];
  return [...new Set([...text].filter((character) => !SEPA_CHARACTERS.test(character)))];
}
