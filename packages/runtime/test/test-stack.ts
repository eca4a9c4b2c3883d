import { catalog, type Catalog } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack, type LocalStack } from '@ndf/local-stack';

/** An in-memory local stack on free ports, provisioned from `fromCatalog` under `prefix`. */
export async function startTestStack(prefix: string, fromCatalog: Catalog = catalog): Promise<LocalStack> {
  return startLocalStack(await ephemeralConfig(prefix), { catalog: fromCatalog });
}
