import { services } from './services.js';
import type { ServiceEntry, ServiceInput, ServiceOutput, ServiceSource, StreamRouterEntry } from './types.js';

/**
 * What a service calls through a circuit breaker: one per AWS service (or the mail relay) its
 * catalog entry says it touches. An outage is an AWS service's (or, locally, an emulator's),
 * not one table's, so one breaker per AWS service is the grain that pauses the right consumers.
 */
export type Dependency = 'dynamodb' | 's3' | 'sqs' | 'email';

type SourceDependency<S> = S extends { readonly kind: 's3' } ? 's3' : S extends { readonly kind: 'stream' } ? 'dynamodb' : never;
type InputDependency<I> = I extends { readonly kind: 'table' | 'index' }
  ? 'dynamodb'
  : I extends { readonly kind: 'bucket' }
    ? 's3'
    : I extends { readonly kind: 'backlog' }
      ? 'sqs'
      : never;
type OutputDependency<O> = O extends { readonly kind: 'table' }
  ? 'dynamodb'
  : O extends { readonly kind: 'bucket' }
    ? 's3'
    : O extends { readonly kind: 'service' }
      ? 'sqs'
      : O extends { readonly kind: 'email' }
        ? 'email'
        : never;

/**
 * The dependencies of a catalog entry, as a type: for an entry of the catalog (kept literal), the
 * exact names its handler may give `context.call`; for a `ServiceEntry` built elsewhere, any.
 */
export type ServiceDependency<E extends ServiceEntry> =
  | SourceDependency<E['consumes']>
  | OutputDependency<E['emits'][number]>
  | (E extends { readonly reads: readonly (infer I)[] } ? InputDependency<I> : never);

function sourceDependency(source: ServiceSource): Dependency[] {
  if (source.kind === 's3') return ['s3'];
  // A service fed by a table's stream may read that table.
  return source.kind === 'stream' ? ['dynamodb'] : [];
}

const INPUT_DEPENDENCY: Record<ServiceInput['kind'], Dependency> = { table: 'dynamodb', bucket: 's3', index: 'dynamodb', backlog: 'sqs' };
// An API is called as its clients call it, through no breaker: the canary must see its outage, not wait it out.
const OUTPUT_DEPENDENCY: Record<ServiceOutput['kind'], Dependency | undefined> = {
  table: 'dynamodb',
  bucket: 's3',
  expiry: 's3',
  service: 'sqs',
  email: 'email',
  api: undefined,
};

/** The dependencies a service's entry declares: what it consumes, reads and emits to, by AWS service. */
export function serviceDependencies<E extends ServiceEntry>(entry: E): ServiceDependency<E>[] {
  const found = new Set<Dependency>([
    ...sourceDependency(entry.consumes),
    ...(entry.reads ?? []).map((input) => INPUT_DEPENDENCY[input.kind]),
    ...entry.emits.flatMap((output) => OUTPUT_DEPENDENCY[output.kind] ?? []),
  ]);
  return [...found].sort() as ServiceDependency<E>[];
}

/** A stream router's dependencies: the queues it sends each change to. */
export type RouterDependency = 'sqs';

export function routerDependencies(_router: StreamRouterEntry): RouterDependency[] {
  return ['sqs'];
}

/** The services of the catalog, by name, with their literal entries. */
export type CatalogService = (typeof services)[number];
export type ServiceName = CatalogService['name'];

/** A service's entry in the catalog, typed as written there (so that its dependencies are known to the compiler). */
export function serviceEntry<N extends ServiceName>(name: N): Extract<CatalogService, { readonly name: N }> {
  const entry = services.find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`No service named "${name}" in the catalog.`);
  return entry as Extract<CatalogService, { readonly name: N }>;
}
