import { describe, expect, it } from 'vitest';
import { apiPort, apiPortVariable } from '../src/config.js';
import { platformProcesses } from '../src/platform/processes.js';
import { catalog } from '@ndf/catalog';
import { paths } from '../src/paths.js';

describe("an API's local port", () => {
  const api = { name: 'ingest-api', localPort: 8080 };

  it('is the catalog port unless NDF_PORT_<API> moves it, and a bad value is refused by name', () => {
    expect(apiPortVariable(api)).toBe('NDF_PORT_INGEST_API');
    expect(apiPort(api, {})).toBe(8080);
    expect(apiPort(api, { NDF_PORT_INGEST_API: '18080' })).toBe(18080);
    expect(() => apiPort(api, { NDF_PORT_INGEST_API: 'eighty' })).toThrow('NDF_PORT_INGEST_API=eighty is not a port number');
  });

  it('is handed to the adapter process the platform starts', () => {
    const processes = platformProcesses(catalog, paths.repoRoot, {}, { NDF_PORT_INGEST_API: '18080' });
    expect(processes.find((process) => process.name === 'ingest-api')?.env?.PORT).toBe('18080');
    // Every API of the catalog has its adapter process, on its own port: the expense API's too.
    const expense = processes.find((process) => process.name === 'expense-api');
    expect([expense?.env?.PORT, expense?.args.at(-1)]).toEqual(['8081', `${paths.repoRoot}/services/expense-api/local/serve.ts`]);
    // Light services run as units of a shared host process; every one is there, in a process or a host.
    const supervised = processes.flatMap((process) => [process.name, ...(process.units ?? []).map((unit) => unit.name)]);
    expect(supervised).toEqual(expect.arrayContaining(['ingest-api', 'stream-router', 'receipt-intake', 'ocr']));
  });

  it('is given to a service that calls the API as its address (NDF_INGEST_API_URL), and a scheduled service its tick period', () => {
    const processes = platformProcesses(catalog, paths.repoRoot, {}, { NDF_PORT_INGEST_API: '18080', NDF_TICK_SECONDS: '4' });
    const host = processes.find((process) => process.name === 'service-host')!;
    const units = new Map((host.units ?? []).map((unit) => [unit.name, unit.env]));
    expect(units.get('canary')?.NDF_INGEST_API_URL).toBe('http://127.0.0.1:18080/v1');
    expect(units.get('reconciler')?.NDF_INGEST_API_URL).toBeUndefined();
    expect(processes.find((process) => process.name === 'ocr')?.env?.NDF_INGEST_API_URL).toBeUndefined();
    expect(units.get('canary')?.NDF_SCHEDULE_SECONDS).toBe('4');
    expect(units.get('reconciler')?.NDF_SCHEDULE_SECONDS).toBe('4');
    expect(units.get('receipt-parser')?.NDF_SCHEDULE_SECONDS).toBeUndefined();
    expect(
      platformProcesses(catalog, paths.repoRoot, {}, {})
        .find((process) => process.name === 'service-host')!
        .units?.find((unit) => unit.name === 'canary')?.env?.NDF_SCHEDULE_SECONDS,
    ).toBe('10');
  });
});
