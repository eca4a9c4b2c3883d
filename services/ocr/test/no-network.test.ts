import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateFixture } from '@ndf/receipt-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..');
const preload = join(here, 'support', 'forbid-network.cjs');

async function networkLog(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}

describe('trained data is read from local files only', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'ocr-no-network-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('the guard sees tesseract.js reach for its CDN when left without langPath (the control)', async () => {
    const log = join(folder, 'control.log');
    await run(process.execPath, ['--require', preload, join(here, 'support', 'tesseract-without-langpath.cjs')], {
      cwd: packageRoot,
      env: { ...process.env, NDF_NETWORK_LOG: log },
    });
    expect(await networkLog(log)).toMatch(/^worker fetch https:\/\//m);
  });

  for (const engine of ['tesseract', 'paddle'])
    it(`the ${engine} engine reads a receipt with no network attempt, in the main thread or its workers`, async () => {
      const log = join(folder, `${engine}.log`);
      const fixture = await generateFixture(2, 0, 'png');
      const script = join(here, 'support', 'recognize-offline.ts');
      const { stdout } = await run(
        process.execPath,
        ['--require', preload, '--conditions=development', '--import', 'tsx', script, fixture.path, engine],
        {
          cwd: packageRoot,
          env: { ...process.env, NDF_NETWORK_LOG: log },
        },
      );
      expect(await networkLog(log)).toBe('');
      const { text } = JSON.parse(stdout) as { text: string };
      expect(text.toUpperCase()).toContain(fixture.truth.merchant.split(' ')[0]);
    });
});
