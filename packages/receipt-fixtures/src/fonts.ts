import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import opentype, { type Font } from 'opentype.js';

/** A typeface the renderer draws with: text becomes SVG paths, so no system font is needed. */
export interface Typeface {
  readonly name: string;
  readonly monospace: boolean;
  readonly regular: Font;
  readonly bold: Font;
}

// Free fonts shipped by @fontsource packages (OFL/Apache): thermal-printer-like monospaced
// faces for till rolls, and sans and serif faces for invoices and hotel bills.
const FACES: readonly { readonly name: string; readonly monospace: boolean; readonly boldWeight: number }[] = [
  { name: 'roboto-mono', monospace: true, boldWeight: 700 },
  { name: 'courier-prime', monospace: true, boldWeight: 700 },
  { name: 'inconsolata', monospace: true, boldWeight: 700 },
  { name: 'ibm-plex-mono', monospace: true, boldWeight: 700 },
  { name: 'open-sans', monospace: false, boldWeight: 700 },
  { name: 'roboto-condensed', monospace: false, boldWeight: 700 },
  { name: 'noto-serif', monospace: false, boldWeight: 700 },
  { name: 'lato', monospace: false, boldWeight: 700 },
];

const require = createRequire(import.meta.url);
let loaded: Typeface[] | undefined;

function parse(path: string): Font {
  const bytes = readFileSync(path);
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Every typeface, parsed once per process from the packages' WOFF files (the latin subset has €, £ and accents). */
export function typefaces(): readonly Typeface[] {
  loaded ??= FACES.map(({ name, monospace, boldWeight }) => {
    const files = join(dirname(require.resolve(`@fontsource/${name}/package.json`)), 'files');
    return {
      name,
      monospace,
      regular: parse(join(files, `${name}-latin-400-normal.woff`)),
      bold: parse(join(files, `${name}-latin-${boldWeight}-normal.woff`)),
    };
  });
  return loaded;
}
