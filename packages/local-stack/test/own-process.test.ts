import { catalog } from '@ndf/catalog';
import { describe, expect, it } from 'vitest';
import { paths } from '../src/paths.js';
import { platformProcesses } from '../src/platform/processes.js';

const hostedUnits = (env: NodeJS.ProcessEnv) =>
  (platformProcesses(catalog, paths.repoRoot, {}, env).find((process) => process.name === 'service-host')?.units ?? []).map(
    (unit) => unit.name,
  );

describe('NDF_OWN_PROCESS', () => {
  it('takes the light services it names out of the shared host, each into a process of its own', () => {
    const processes = platformProcesses(catalog, paths.repoRoot, {}, { NDF_OWN_PROCESS: 'vat-calculator, stream-router' });
    const own = processes.filter((process) => process.name === 'vat-calculator' || process.name === 'stream-router');
    expect(own.map((process) => [process.name, process.env?.NDF_SERVICE, process.args.at(-1)])).toEqual([
      ['stream-router', 'stream-router', `${paths.repoRoot}/services/stream-router/src/main.ts`],
      ['vat-calculator', 'vat-calculator', `${paths.repoRoot}/services/vat-calculator/src/main.ts`],
    ]);
    const hosted = hostedUnits({ NDF_OWN_PROCESS: 'vat-calculator, stream-router' });
    expect(hosted).not.toContain('vat-calculator');
    expect(hosted).not.toContain('stream-router');
    // The others stay hosted, as without the variable.
    expect(hosted).toEqual(hostedUnits({}).filter((name) => name !== 'vat-calculator' && name !== 'stream-router'));
  });

  it('refuses a name the catalog does not list, rather than run the platform without the intended split', () => {
    expect(() => platformProcesses(catalog, paths.repoRoot, {}, { NDF_OWN_PROCESS: 'vat-calculator,vat-calculater' })).toThrow(
      'NDF_OWN_PROCESS names what the catalog does not list: vat-calculater.',
    );
  });
});
