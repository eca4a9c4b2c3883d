import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '@ndf/catalog';
import { apiPort } from '../config.js';
import type { ProcessSpec } from '../supervisor/supervisor.js';

/** How a workspace TypeScript entry point runs locally: sources, through tsx. */
export function nodeTypeScript(entry: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--conditions=development', '--import', 'tsx', entry] };
}

/**
 * Every process of the platform, from the catalog: each API's local adapter
 * (services/<api>/local/serve.ts, outside the code the cloud runs), each stream router's and each service's entry point
 * (services/<name>/src/main.ts).
 */
export function platformProcesses(
  catalog: Catalog,
  repoRoot: string,
  environment: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): ProcessSpec[] {
  const spec = (name: string, entry: string, extraEnv: Record<string, string>): ProcessSpec => {
    const cwd = join(repoRoot, 'services', name);
    const path = join(cwd, entry);
    if (!existsSync(path)) throw new Error(`The catalog lists "${name}", but ${join('services', name, entry)} does not exist.`);
    return { name, cwd, ...nodeTypeScript(path), env: { ...environment, NDF_SERVICE: name, ...extraEnv } };
  };
  return [
    ...catalog.apis.map((api) => spec(api.name, 'local/serve.ts', { PORT: String(apiPort(api, env)) })),
    ...catalog.routers.map((router) => spec(router.name, 'src/main.ts', {})),
    ...catalog.services.map((service) => spec(service.name, 'src/main.ts', {})),
  ];
}
