import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateFixture } from '@ndf/receipt-fixtures';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('the PaddleOCR engine and the process', () => {
  it('leaves the process its own handlers of uncaught exceptions and unhandled rejections', async () => {
    const fixture = await generateFixture(2, 0, 'png');
    const script = join(here, 'support', 'paddle-process-handlers.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=development', '--import', 'tsx', script, fixture.path], {
      cwd: join(here, '..'),
    });
    const { before, after } = JSON.parse(stdout) as { before: number; after: number };
    expect(after).toBe(before);
  });
});
