import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleProcesses } from '../src/platform/bundle.js';
import { nodeTypeScript } from '../src/platform/processes.js';

const fixture = fileURLToPath(new URL('./fixtures/prints-its-url.ts', import.meta.url));

describe('the processes run from bundles', () => {
  it('run with plain Node, each source keeping its own import.meta.url, hosted units bundled too, and go when removed', async () => {
    const spec = { name: 'printer', ...nodeTypeScript(fixture), units: [{ name: 'unit', module: fixture, exportName: 'none' }] };
    const bundled = await bundleProcesses([spec], join(tmpdir(), 'ndf-bundle-test'));
    const [built] = bundled.specs;
    expect(built!.args).toHaveLength(1);
    expect(built!.args[0]).toMatch(/\.mjs$/);
    expect(built!.units?.[0]?.module).toBe(built!.args[0]);
    expect(execFileSync(built!.command, built!.args, { encoding: 'utf8' }).trim()).toBe('prints-its-url.ts');
    await bundled.remove();
    expect(existsSync(bundled.dir)).toBe(false);
  });
});
