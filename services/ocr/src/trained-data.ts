import { access, mkdir, symlink, unlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const LANGUAGES = ['eng', 'fra'] as const;
export type Language = (typeof LANGUAGES)[number];

// The integer-quantised LSTM models: the engine runs LSTM only, and these load fastest.
const VARIANT = '4.0.0_best_int';
const require = createRequire(import.meta.url);

/** Where the npm package `@tesseract.js-data/<language>` keeps its gzipped trained data. */
export function packagedTrainedData(language: Language): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), VARIANT, `${language}.traineddata.gz`);
}

export class TrainedDataMissingError extends Error {
  override readonly name = 'TrainedDataMissingError';
}

async function readable(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * One folder holding every language's `<lang>.traineddata.gz`, as tesseract.js wants its
 * `langPath`. The files stay in their npm packages; the folder links to them. Throws, before any
 * worker starts, when a file is missing: tesseract.js would otherwise try a CDN, and its failure
 * there is thrown outside any promise and ends the process.
 */
export async function languageFolder(
  folder = join(tmpdir(), `ndf-ocr-traineddata-${VARIANT}`),
  sources: (language: Language) => string = packagedTrainedData,
): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const language of LANGUAGES) {
    const source = sources(language);
    if (!(await readable(source)))
      throw new TrainedDataMissingError(`The ${language} trained data is missing at ${source}: install @tesseract.js-data/${language}.`);
    const link = join(folder, `${language}.traineddata.gz`);
    if (await readable(link)) continue;
    await unlink(link).catch(() => undefined); // a dangling link left by an older install
    await symlink(source, link).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error; // another process made it first
    });
  }
  return folder;
}
