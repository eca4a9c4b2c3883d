import { freePort, paths, platformProcesses, Supervisor, waitUntil, type LocalStack } from '@ndf/local-stack';
import { downstreamServices, type Catalog, type ServiceEntry } from '@ndf/catalog';

/** Whether a service takes receipts in: their uploads in the bucket, or receipt items on the notes stream. */
function takesReceipts(service: ServiceEntry): boolean {
  const source = service.consumes;
  return (source.kind === 's3' && source.bucket === 'receipts') || (source.kind === 'stream' && source.itemTypes.includes('RECEIPT'));
}

/**
 * The catalog as the receipt chain's processes see it: the APIs, the routers, and only the
 * services that a receipt reaches (those that take receipts in, and every service they send
 * work to). The rest of the fleet has its queues provisioned but no process, so the chain test
 * starts the same processes however many unrelated services the catalog lists.
 */
export function receiptChainCatalog(catalog: Catalog): Catalog {
  const reached = new Set(catalog.services.filter(takesReceipts).map((service) => service.name));
  for (const name of reached) {
    const service = catalog.services.find((candidate) => candidate.name === name)!;
    for (const next of downstreamServices(service)) reached.add(next);
  }
  return { ...catalog, services: catalog.services.filter((service) => reached.has(service.name)) };
}

/**
 * The services that read a receipt, from its upload to its fields, and the reconciler that keeps
 * none stuck: as their tasks run in the cloud, sharing no CPU with the note's checks downstream.
 * Named, not derived: the sniffer takes uploaded receipts from the notes stream, a hop the
 * catalog's wiring does not tell apart from the checks' own.
 */
const RECEIPT_READING = new Set([
  'receipt-intake',
  'format-sniffer',
  'image-normalizer',
  'pdf-inspector',
  'ocr',
  'receipt-parser',
  'reconciler',
]);

export function receiptReadingCatalog(catalog: Catalog): Catalog {
  return { ...catalog, services: catalog.services.filter((service) => RECEIPT_READING.has(service.name)) };
}

/** The receipt chain running: its ingest API's base URL, and every line its processes printed. */
export interface RunningReceiptChain {
  readonly api: string;
  readonly supervisor: Supervisor;
  readonly output: string[];
}

/** Every process of the receipt chain under a supervisor on `stack`, its ingest API on a free port; resolves once the API answers. */
export async function startReceiptChain(catalog: Catalog, stack: Pick<LocalStack, 'environment'>): Promise<RunningReceiptChain> {
  const port = await freePort();
  const api = `http://127.0.0.1:${port}/v1`;
  const output: string[] = [];
  const supervisor = new Supervisor(
    platformProcesses(receiptChainCatalog(catalog), paths.repoRoot, stack.environment(), { NDF_PORT_INGEST_API: String(port) }),
    (event) => {
      if (event.type === 'output') output.push(`${event.name}: ${event.line}`);
    },
  );
  supervisor.start();
  await waitUntil('the ingest API', async () => (await fetch(`${api}/health`)).ok, 60_000, 200);
  return { api, supervisor, output };
}
