// `npm run bench -- fleet [--services N] [--idle S]`: the local platform as `npm start` runs it,
// with generated services added (catalog entries of their own, a handler on the runtime each)
// up to N services in all, the ingest API and the stream router included. Measured in one run
// on one local stack, first as before (one tsx process per service), then as now (light
// services as units of one host process, CPU-bound ones in their own, all from bundles built
// at start with plain Node): the time until every service has logged `started`, and the memory
// of each process once idle.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { catalog } from '@ndf/catalog';
import {
  SERVICE_HOST,
  bundleProcesses,
  ephemeralConfig,
  freePort,
  paths,
  platformProcesses,
  serviceHostSpec,
  startLocalStack,
  Supervisor,
  waitUntil,
  type ProcessSpec,
} from '@ndf/local-stack';
import { treeMemory, type Memory } from './process-memory.js';
import { fleetEntries } from './generated-service.js';

const { values } = parseArgs({ options: { services: { type: 'string', default: '50' }, idle: { type: 'string', default: '10' } } });
const [wanted, idleSeconds] = [Number(values.services), Number(values.idle)];
const real = catalog.apis.length + catalog.routers.length + catalog.services.length;
if (!Number.isInteger(wanted) || wanted < real || !(idleSeconds >= 0)) {
  console.error(`usage: npm run bench -- fleet [--services N (at least ${real}, the real ones)] [--idle seconds]`);
  process.exit(2);
}
const generated = fleetEntries(wanted - real);
const fleetCatalog = { ...catalog, services: [...catalog.services, ...generated] };
const generatedModule = fileURLToPath(new URL('./generated-service.ts', import.meta.url));
const generatedMain = fileURLToPath(new URL('./generated-service-main.ts', import.meta.url));
const MB = 2 ** 20;

const stackStartedAt = performance.now();
const stack = await startLocalStack(await ephemeralConfig('bench-fleet-'), { catalog: fleetCatalog });
const stackSeconds = (performance.now() - stackStartedAt) / 1000;
const port = await freePort();
const environment = { ...stack.environment(), LOG_LEVEL: 'info' };

/** Today's processes, plus the generated services: each its own process, or units of the host. */
function fleetProcesses(hosted: boolean): ProcessSpec[] {
  const specs = platformProcesses(
    catalog,
    paths.repoRoot,
    environment,
    { NDF_PORT_INGEST_API: String(port) },
    { hostLightServices: hosted },
  );
  if (!hosted) {
    return [
      ...specs,
      ...generated.map((entry) => ({
        name: entry.name,
        command: process.execPath,
        args: ['--conditions=development', '--import', 'tsx', generatedMain],
        env: { ...environment, NDF_SERVICE: entry.name, NDF_FLEET_ENTRY: JSON.stringify(entry) },
      })),
    ];
  }
  const units = generated.map((entry) => ({
    name: entry.name,
    module: generatedModule,
    exportName: 'generatedService',
    args: [entry],
    env: { NDF_SERVICE: entry.name },
  }));
  const host = specs.find((spec) => spec.name === SERVICE_HOST);
  if (units.length === 0 && !host) return specs;
  return [...specs.filter((spec) => spec !== host), serviceHostSpec(paths.repoRoot, environment, [...(host?.units ?? []), ...units])];
}

interface Figures {
  readonly readySeconds: number;
  readonly processes: readonly { readonly name: string; readonly services: number; readonly memory: Memory }[];
  readonly stack: Memory;
}

async function measure(hosted: boolean): Promise<Figures> {
  const started = new Set<string>();
  const startedAt = performance.now();
  // Now the processes run from bundles built at start, as `npm start` runs them; the build counts in the ready time.
  const bundled = hosted ? await bundleProcesses(fleetProcesses(true), paths.bundleCacheDir) : undefined;
  const specs = bundled?.specs ?? fleetProcesses(false);
  const supervisor = new Supervisor(specs, (event) => {
    if (event.type !== 'output') return;
    if (event.line.includes('listening on')) started.add(event.name);
    if (!event.line.startsWith('{')) return;
    const record = JSON.parse(event.line) as { event?: string; service?: string };
    if (record.event === 'started' && record.service) started.add(record.service);
  });
  supervisor.start();
  try {
    await waitUntil(`${wanted} services started`, async () => started.size >= wanted, 180_000, 50);
    const readySeconds = (performance.now() - startedAt) / 1000;
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const pids = supervisor.status().filter((status) => status.host === undefined && status.pid !== undefined);
    const processes = pids.map((status) => ({
      name: status.name,
      services: specs.find((spec) => spec.name === status.name)?.units?.length ?? 1,
      memory: treeMemory(status.pid!),
    }));
    const all = treeMemory(process.pid);
    const services = sum(processes.map((each) => each.memory));
    return { readySeconds, processes, stack: { rss: all.rss - services.rss, pss: all.pss - services.pss } };
  } finally {
    await supervisor.stop();
    await bundled?.remove();
  }
}

const sum = (memories: readonly Memory[]): Memory =>
  memories.reduce((total, memory) => ({ rss: total.rss + memory.rss, pss: total.pss + memory.pss }), { rss: 0, pss: 0 });
const mb = (bytes: number) => `${(bytes / MB).toFixed(0).padStart(5)} MB`;

function print(title: string, figures: Figures): Memory {
  const services = sum(figures.processes.map((each) => each.memory));
  console.log(`\n${title}: ready in ${figures.readySeconds.toFixed(1)} s, ${figures.processes.length} processes`);
  console.log(`  ${'process'.padEnd(20)} services      RSS       PSS`);
  const sorted = [...figures.processes].sort((a, b) => b.memory.pss - a.memory.pss);
  for (const each of sorted)
    console.log(`  ${each.name.padEnd(20)} ${String(each.services).padStart(8)} ${mb(each.memory.rss)} ${mb(each.memory.pss)}`);
  console.log(`  ${'services, in all'.padEnd(20)} ${String(wanted).padStart(8)} ${mb(services.rss)} ${mb(services.pss)}`);
  console.log(`  ${'stack (emulators)'.padEnd(20)} ${''.padStart(8)} ${mb(figures.stack.rss)} ${mb(figures.stack.pss)}`);
  const total = { rss: services.rss + figures.stack.rss, pss: services.pss + figures.stack.pss };
  console.log(`  ${'platform, in all'.padEnd(20)} ${''.padStart(8)} ${mb(total.rss)} ${mb(total.pss)}`);
  return total;
}

try {
  console.log(
    `${wanted} services (${real} real, ${generated.length} generated), Node ${process.version}; memory measured after ${idleSeconds} s idle`,
  );
  console.log(
    `the local stack (emulators, ${fleetCatalog.services.length * 2} queues) started in ${stackSeconds.toFixed(1)} s, before either run`,
  );
  const before = await measure(false);
  const beforeTotal = print('before: one tsx process per service', before);
  const after = await measure(true);
  const afterTotal = print('after: from bundles, light services in one host process, CPU-bound ones alone', after);
  console.log(
    `\nafter / before: ready time ×${(after.readySeconds / before.readySeconds).toFixed(2)}, platform memory ×${(afterTotal.pss / beforeTotal.pss).toFixed(2)} (PSS), ×${(afterTotal.rss / beforeTotal.rss).toFixed(2)} (RSS)`,
  );
} finally {
  await stack.stop();
}
