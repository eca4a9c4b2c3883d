import { mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, TrainedDataMissingError, createOcrEngine, languageFolder, packagedTrainedData } from '../src/ocr.js';

describe('languageFolder', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ocr-languages-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('links every language of the npm packages into one folder', async () => {
    const folder = await languageFolder(join(root, 'ok'));
    for (const language of LANGUAGES)
      expect(await readlink(join(folder, `${language}.traineddata.gz`))).toBe(packagedTrainedData(language));
    // A second call finds the links in place.
    await expect(languageFolder(join(root, 'ok'))).resolves.toBe(folder);
  });

  it('refuses, naming the package, when a language file is missing', async () => {
    const missing = (language: string) => join(root, 'nowhere', `${language}.traineddata.gz`);
    await expect(languageFolder(join(root, 'missing'), missing)).rejects.toThrow(TrainedDataMissingError);
    await expect(languageFolder(join(root, 'missing'), missing)).rejects.toThrow(/@tesseract\.js-data\/eng/);
  });

  it('an engine fails to start on a folder it cannot make, before any worker exists', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(createOcrEngine({ languageFolder: join(file, 'languages') })).rejects.toThrow(/ENOTDIR/);
  });
});
