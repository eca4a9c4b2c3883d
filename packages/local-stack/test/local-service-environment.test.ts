import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '@ndf/catalog';
import { describe, expect, it } from 'vitest';
import { paths } from '../src/paths.js';
import { localServiceEnvironment, platformProcesses } from '../src/platform/processes.js';

/** A repository with one service whose local/environment.json holds `settings`. */
function repoWith(settings: string): string {
  const root = mkdtempSync(join(tmpdir(), 'local-env-'));
  mkdirSync(join(root, 'services', 'loader', 'local'), { recursive: true });
  writeFileSync(join(root, 'services', 'loader', 'local', 'environment.json'), settings);
  return root;
}

describe("a service's laptop-only settings (services/<name>/local/environment.json)", () => {
  it('are given to its unit, ${serviceDir} standing for its folder: the rates loader reads the shipped sample', () => {
    const host = platformProcesses(catalog, paths.repoRoot, {}, {}).find((process) => process.name === 'service-host')!;
    const units = new Map((host.units ?? []).map((unit) => [unit.name, unit.env]));
    expect(units.get('rates-loader')?.NDF_RATES_SOURCE_URL).toBe(
      `file://${join(paths.repoRoot, 'services', 'rates-loader')}/local/eurofxref-hist-sample.csv`,
    );
    expect(units.get('canary')?.NDF_RATES_SOURCE_URL).toBeUndefined();
  });

  it('are none without the file, and a file that is not an object of strings is refused by name', () => {
    expect(localServiceEnvironment(repoWith('{}'), 'another')).toEqual({});
    expect(localServiceEnvironment(repoWith('{ "A": "${serviceDir}/x" }'), 'loader').A).toMatch(/services\/loader\/x$/);
    expect(() => localServiceEnvironment(repoWith('["A"]'), 'loader')).toThrow('must be an object of strings');
    expect(() => localServiceEnvironment(repoWith('{ "PORT": 8080 }'), 'loader')).toThrow('PORT must be a string');
  });
});
