import { catalog, type Catalog } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';

/** The run's shared local stack, with `fromCatalog` provisioned under `prefix`. */
export function startTestStack(prefix: string, fromCatalog: Catalog = catalog): Promise<SharedStack> {
  return useSharedStack(prefix, fromCatalog);
}
