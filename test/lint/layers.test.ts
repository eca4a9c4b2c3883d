import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, run on fixtures placed (virtually) where they are forbidden,
// so that a rule that stops matching fails here rather than silently.
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const eslint = new ESLint({ cwd: root });

async function lintAs(fixture: string, path: string): Promise<{ ruleId: string | null; message: string; line: number }[]> {
  const code = await readFile(join(here, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).map(({ ruleId, message, line }) => ({ ruleId, message, line }));
}

describe('the layers eslint enforces', () => {
  it('fails production code (src/) that imports a local-only package, statically or dynamically', async () => {
    const messages = await lintAs('production-imports-emulator.ts', 'services/ingest-api/src/serve-locally.ts');
    expect(messages).toEqual([
      { ruleId: 'no-restricted-imports', line: 2, message: expect.stringContaining("'@ndf/api-gateway-local' import is restricted") },
      { ruleId: 'no-restricted-syntax', line: 5, message: expect.stringContaining('Local-only') },
    ]);
  });

  it('lets the same import through in the local adapter, outside src/', async () => {
    expect(await lintAs('production-imports-emulator.ts', 'services/ingest-api/local/serve-locally.ts')).toEqual([]);
  });

  it("fails a service's test that imports another service, not its own package nor a fixtures package", async () => {
    const messages = await lintAs('test-imports-other-service.ts', 'services/receipt-parser/test/ocr.test.ts');
    expect(messages).toEqual([{ ruleId: 'no-restricted-imports', line: 2, message: expect.stringContaining("'@ndf/ocr/engine'") }]);
  });

  it('fails a relative import into another package, not one into its own', async () => {
    const messages = await lintAs('relative-import-across-services.ts', 'services/format-sniffer/test/steps.test.ts');
    expect(messages).toEqual([
      {
        ruleId: 'workspace/no-relative-import-across-packages',
        line: 2,
        message: expect.stringContaining('reaches into services/image-normalizer from services/format-sniffer'),
      },
    ]);
  });

  it('finds a cycle in the package.json graph, dev dependencies included', async () => {
    const onFixtureWorkspace = new ESLint({
      cwd: root,
      overrideConfig: { rules: { 'workspace/no-package-cycle': ['error', { root: join(here, 'fixtures', 'cyclic-workspace') }] } },
    });
    const [result] = await onFixtureWorkspace.lintFiles([join(root, 'eslint.config.js')]);
    expect(result?.messages.map(({ ruleId, message }) => ({ ruleId, message }))).toEqual([
      { ruleId: 'workspace/no-package-cycle', message: expect.stringContaining('@fixture/high → @fixture/low → @fixture/high') },
    ]);
  });

  it('finds none in the workspace itself', async () => {
    const [result] = await eslint.lintFiles([join(root, 'eslint.config.js')]);
    expect(result?.messages).toEqual([]);
  });
});
