import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiUrlVariable, calledApis, SCHEDULE_SECONDS_VARIABLE, type Catalog, type ServiceEntry } from '@ndf/catalog';
import { apiPort } from '../config.js';
import { LOOPBACK } from '../net/ports.js';
import type { HostedUnit } from '../supervisor/host-protocol.js';
import type { ProcessSpec } from '../supervisor/supervisor.js';
import { localTickSeconds } from './schedule-ticks.js';

/** How a workspace TypeScript entry point runs locally: sources, through tsx. */
export function nodeTypeScript(entry: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ['--conditions=development', '--import', 'tsx', entry] };
}

/** The process that runs the light services locally (packages/service-host). */
export const SERVICE_HOST = 'service-host';

/**
 * Whether a service may share a process locally: an IO-bound one, of the catalog's default task
 * size. CPU-bound services (OCR, image and PDF work: a larger `task.cpu`) keep a process of their
 * own, so that their work never holds up the others' event loop.
 */
export function sharesProcessLocally(entry: Pick<ServiceEntry, 'task'>): boolean {
  return (entry.task?.cpu ?? 256) <= 256;
}

/** services/<name>/src/service.ts when it exports the service's definition as `service`, which a host can start. */
export function serviceDefinitionModule(repoRoot: string, name: string): string | undefined {
  const path = join(repoRoot, 'services', name, 'src', 'service.ts');
  return existsSync(path) && /export\s+const\s+service\b/.test(readFileSync(path, 'utf8')) ? path : undefined;
}

/**
 * What a service is configured with on the laptop only (the cloud's deployment sets its own):
 * services/<name>/local/environment.json, a flat object of strings, where `${serviceDir}` stands
 * for the service's folder (e.g. the rates loader's source, a sample file shipped beside it).
 */
export function localServiceEnvironment(repoRoot: string, name: string): Record<string, string> {
  const serviceDir = join(repoRoot, 'services', name);
  const path = join(serviceDir, 'local', 'environment.json');
  if (!existsSync(path)) return {};
  const settings = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings))
    throw new Error(`${join('services', name, 'local', 'environment.json')} must be an object of strings.`);
  return Object.fromEntries(
    Object.entries(settings).map(([variable, value]) => {
      if (typeof value !== 'string')
        throw new Error(`${join('services', name, 'local', 'environment.json')}: ${variable} must be a string.`);
      return [variable, value.replaceAll('${serviceDir}', serviceDir)];
    }),
  );
}

/** The host process for these units: one runtime instance each, killed and resumed alone (see the Supervisor). */
export function serviceHostSpec(repoRoot: string, environment: Record<string, string>, units: readonly HostedUnit[]): ProcessSpec {
  return {
    name: SERVICE_HOST,
    cwd: repoRoot,
    ...nodeTypeScript(join(repoRoot, 'packages', 'service-host', 'src', 'main.ts')),
    env: { ...environment, NDF_SERVICE: SERVICE_HOST },
    units,
  };
}

/**
 * NDF_OWN_PROCESS: light services (comma-separated) that run in a process of their own under
 * `npm start` instead of the shared host, to kill one alone as a crashed ECS task would be, or to
 * profile it.
 */
export const OWN_PROCESS_VARIABLE = 'NDF_OWN_PROCESS';

/** The names NDF_OWN_PROCESS lists, each checked against the catalog's services and routers. */
export function ownProcessServices(catalog: Catalog, env: NodeJS.ProcessEnv): ReadonlySet<string> {
  const names = (env[OWN_PROCESS_VARIABLE] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const known = new Set([...catalog.routers, ...catalog.services].map((entry) => entry.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`${OWN_PROCESS_VARIABLE} names what the catalog does not list: ${unknown.join(', ')}.`);
  return new Set(names);
}

export interface PlatformOptions {
  /** Light services with a `service` definition run in one host process (the default), or each in its own. */
  readonly hostLightServices?: boolean;
}

/**
 * Every process of the platform, from the catalog: each API's local adapter
 * (services/<api>/local/serve.ts, outside the code the cloud runs); the stream routers and light
 * services whose services/<name>/src/service.ts exports their definition, as units of one host
 * process; every other service as its own process (services/<name>/src/main.ts).
 */
export function platformProcesses(
  catalog: Catalog,
  repoRoot: string,
  environment: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
  { hostLightServices = true }: PlatformOptions = {},
): ProcessSpec[] {
  // Where an API's local adapter listens, for the services that call it as its clients do (the canary).
  const apiUrl = (name: string) => {
    const api = catalog.apis.find((candidate) => candidate.name === name);
    if (!api) throw new Error(`The catalog lists no API "${name}".`);
    return [apiUrlVariable(api), `http://${LOOPBACK}:${apiPort(api, env)}${api.basePath}`] as const;
  };
  const spec = (name: string, entry: string, extraEnv: Record<string, string>): ProcessSpec => {
    const cwd = join(repoRoot, 'services', name);
    const path = join(cwd, entry);
    if (!existsSync(path)) throw new Error(`The catalog lists "${name}", but ${join('services', name, entry)} does not exist.`);
    return { name, cwd, ...nodeTypeScript(path), env: { ...environment, NDF_SERVICE: name, ...extraEnv } };
  };
  const units: HostedUnit[] = [];
  const own: ProcessSpec[] = [];
  const ownProcess = ownProcessServices(catalog, env);
  const place = (name: string, light: boolean, extraEnv: Record<string, string> = {}) => {
    const module = hostLightServices && light && !ownProcess.has(name) ? serviceDefinitionModule(repoRoot, name) : undefined;
    if (module) units.push({ name, module, exportName: 'service', env: { NDF_SERVICE: name, ...extraEnv } });
    else own.push(spec(name, 'src/main.ts', extraEnv));
  };
  for (const router of catalog.routers) place(router.name, true);
  for (const service of catalog.services) {
    const tickSeconds = localTickSeconds(service, env);
    place(service.name, sharesProcessLocally(service), {
      ...localServiceEnvironment(repoRoot, service.name),
      ...Object.fromEntries(calledApis(service).map(apiUrl)),
      ...(tickSeconds === undefined ? {} : { [SCHEDULE_SECONDS_VARIABLE]: String(tickSeconds) }),
    });
  }
  return [
    ...catalog.apis.map((api) => spec(api.name, 'local/serve.ts', { PORT: String(apiPort(api, env)) })),
    ...own,
    ...(units.length > 0 ? [serviceHostSpec(repoRoot, environment, units)] : []),
  ];
}
