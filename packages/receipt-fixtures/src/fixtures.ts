import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { composeReceipt } from './compose.js';
import { cleanScan, photo, pickPhotoOptions, type PhotoOptions } from './images.js';
import { digitalPdf, scannedPdf } from './pdf.js';
import { Random } from './random.js';
import { renderSvg } from './svg.js';
import { documentText, type ReceiptTruth } from './truth.js';

export type FixtureFormat = 'png' | 'photo' | 'pdf-digital' | 'pdf-scanned';

export interface Fixture {
  readonly truth: ReceiptTruth;
  readonly format: FixtureFormat;
  /** Where the file is, in the cache folder. */
  readonly path: string;
  readonly mediaType: 'image/png' | 'image/jpeg' | 'application/pdf';
  /** The text as printed: what a PDF's text layer or a perfect OCR gives. */
  readonly text: string;
  /** For photos: how the photo was degraded (angle, blur, EXIF orientation...). */
  readonly photo?: PhotoOptions;
  readonly typeface?: string;
}

/** Bump when the generator's output changes, so that cached files from an older one are not reused. */
export const GENERATOR_VERSION = 3;

export const DEFAULT_CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.cache');

const EXTENSIONS: Record<FixtureFormat, string> = { png: 'png', photo: 'jpg', 'pdf-digital': 'pdf', 'pdf-scanned': 'pdf' };
const MEDIA_TYPES: Record<FixtureFormat, Fixture['mediaType']> = {
  png: 'image/png',
  photo: 'image/jpeg',
  'pdf-digital': 'application/pdf',
  'pdf-scanned': 'application/pdf',
};

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(
    (bytes) => bytes.length > 0,
    () => false,
  );
}

/**
 * Receipt `index` of series `seed` in a format, with its ground truth. The file is made on
 * first use and kept in `cacheDir`; the same arguments always give the same receipt.
 */
export async function generateFixture(
  seed: number,
  index: number,
  format: FixtureFormat,
  { cacheDir = DEFAULT_CACHE_DIR }: { cacheDir?: string } = {},
): Promise<Fixture> {
  const document = composeReceipt(seed, index);
  // One stream per format, so that a photo's draws do not change the scan's typeface.
  const random = new Random(seed * 31 + index * 131 + 7).fork(format.length);
  const layout = renderSvg(document, new Random(seed * 17 + index * 257 + 3));
  const path = join(cacheDir, `v${GENERATOR_VERSION}`, String(seed), `${String(index).padStart(4, '0')}-${format}.${EXTENSIONS[format]}`);
  const photoOptions = format === 'photo' ? pickPhotoOptions(random) : undefined;
  const fixture: Fixture = {
    truth: document.truth,
    format,
    path,
    mediaType: MEDIA_TYPES[format],
    text: documentText(document),
    typeface: layout.typeface,
    ...(photoOptions ? { photo: photoOptions } : {}),
  };
  if (await exists(path)) return fixture;

  let bytes: Uint8Array;
  if (format === 'png') bytes = await cleanScan(layout.svg);
  else if (format === 'photo') bytes = await photo(layout.svg, photoOptions!, random);
  else if (format === 'pdf-digital') bytes = await digitalPdf(document, random);
  else {
    const scan = await cleanScan(layout.svg);
    const { width = 0, height = 0 } = await sharp(scan).metadata();
    bytes = await scannedPdf(scan, 'png', width, height);
  }
  await mkdir(dirname(path), { recursive: true });
  // Written aside then renamed, so that a concurrent reader never sees half a file.
  const partial = `${path}.${process.pid}.${Date.now()}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, path);
  return fixture;
}

export interface FixtureSetOptions {
  readonly seed: number;
  readonly count: number;
  readonly format: FixtureFormat;
  readonly cacheDir?: string;
  /** Files made at once; sharp has its own thread pool, so a few suffice. */
  readonly concurrency?: number;
}

/** Receipts 0..count-1 of a series, in one format. */
export async function generateFixtures({ seed, count, format, cacheDir, concurrency = 4 }: FixtureSetOptions): Promise<Fixture[]> {
  const fixtures: Fixture[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      fixtures[index] = await generateFixture(seed, index, format, cacheDir === undefined ? {} : { cacheDir });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return fixtures;
}
