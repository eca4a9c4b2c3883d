// `pnpm bench parser-hostile [--max N]`: time of parseReceipt on hostile one-line texts (spaces,
// " -" pairs, digit groups, dates, rates and amounts, garbled months, postcodes, each ending in a letter; a line's OCR words) against an ordinary receipt's text of the
// same length (many short lines), measured in the same process; with the parser's caps and
// with them lifted, which shows whether its rules alone are linear. Lengths double up to N.
import { parseArgs } from 'node:util';
import { DEFAULT_PARSE_LIMITS, parseReceipt, type ParseInput, type ParseLimits } from '../src/index.js';

const { values } = parseArgs({ options: { max: { type: 'string', default: '32000' } }, allowPositionals: false });
const max = Number(values.max);
if (!Number.isInteger(max) || max < 1000) {
  console.error('usage: pnpm bench parser-hostile [--max N]   (N >= 1000, default 32000)');
  process.exit(2);
}

const ORDINARY = `BOULANGERIE DU MARCHE
12 rue de la Paix 75002 Paris
Tel 01 42 00 00 00
Ticket 0042 Caisse 2 le 14/03/2024 12:31
2 x Baguette tradition       2,60
1 x Croissant beurre         1,30
TOTAL TTC                    3,90 EUR
dont TVA 5,5%  HT 3,70  TVA 0,20
CB EMV                       3,90
Merci de votre visite
`;
const ordinary = (length: number) => ORDINARY.repeat(Math.ceil(length / ORDINARY.length)).slice(0, length);
const OCR_WORD = { text: 'x', confidence: 90, line: 0 };
const HOSTILE: Record<string, (length: number) => ParseInput> = {
  spaces: (length) => ({ text: `A${' '.repeat(length - 2)}B` }),
  'space-dash': (length) => ({ text: `A${' -'.repeat(Math.floor(length / 2) - 1)}B` }),
  'digit-groups': (length) => ({ text: `1${' 234'.repeat(Math.floor(length / 4))}x` }),
  dates: (length) => ({ text: `A${'12/03/2024 '.repeat(Math.floor(length / 11))}Z` }),
  'rates-amounts': (length) => ({ text: `A${'20% 1,00 '.repeat(Math.floor(length / 9))}Z` }),
  // Day / letters / year runs (each read for a garbled month's name) and postcode-like pairs (for the address's country).
  'garbled-months': (length) => ({ text: `A${'1/UM/2020/'.repeat(Math.floor(length / 10))}Z` }),
  postcodes: (length) => ({ text: `A${'M1 1AE '.repeat(Math.floor(length / 7))}Z` }),
  // OCR's words for a line that they do not spell exactly: every span of them was compared.
  'ocr-words': (length) => {
    const count = Math.floor(length / 2);
    return { text: 'x '.repeat(count).trim(), words: [...Array.from({ length: count - 1 }, () => OCR_WORD), { ...OCR_WORD, text: 'y' }] };
  },
};
// A case past this many milliseconds is not run at the next length.
const GIVE_UP_MS = 3_000;
const UNCAPPED: ParseLimits = { maxLineChars: Number.POSITIVE_INFINITY, maxTextChars: Number.POSITIVE_INFINITY };

/** Median of a few runs, in milliseconds. */
function time(input: ParseInput, limits: ParseLimits): number {
  const runs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    parseReceipt(input, { limits });
    if (run === 0 && performance.now() - start > GIVE_UP_MS) return performance.now() - start;
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[1]!;
}

for (const [label, limits] of [
  ['caps on (the default)', DEFAULT_PARSE_LIMITS],
  ['caps lifted (the rules alone)', UNCAPPED],
] as const) {
  console.log(`\n${label}: ms per parse, and the ratio to an ordinary receipt's text of the same length`);
  console.log(['length'.padStart(8), 'ordinary', ...Object.keys(HOSTILE).map((name) => name.padStart(20))].join(' '));
  const givenUp = new Set<string>();
  for (let length = 1000; length <= max; length *= 2) {
    const baseline = time({ text: ordinary(length) }, limits);
    const cells = Object.entries(HOSTILE).map(([name, make]) => {
      if (givenUp.has(name)) return 'not run'.padStart(20);
      const ms = time(make(length), limits);
      if (ms > GIVE_UP_MS) givenUp.add(name);
      return `${ms.toFixed(1)} (x${(ms / baseline).toFixed(1)})`.padStart(20);
    });
    console.log([String(length).padStart(8), baseline.toFixed(1).padStart(8), ...cells].join(' '));
  }
}
