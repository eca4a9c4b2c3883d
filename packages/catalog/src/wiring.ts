import type { Catalog, ServiceEntry, StreamEventName, StreamRouterEntry } from './types.js';

export interface BucketNotification {
  readonly bucket: string;
  readonly service: string;
  readonly prefix: string;
  readonly suffix: string | undefined;
}

export interface StreamSubscription {
  readonly table: string;
  readonly service: string;
  readonly itemTypes: readonly string[];
  readonly events: readonly StreamEventName[];
  readonly where: Readonly<Record<string, readonly string[]>>;
  /** Replaces `where` for the item types it names. */
  readonly whereByType?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** Object-created notifications each bucket sends, one per service fed by S3. */
export function bucketNotifications(catalog: Catalog): BucketNotification[] {
  return catalog.services.flatMap((service) =>
    service.consumes.kind === 's3'
      ? [{ bucket: service.consumes.bucket, service: service.name, prefix: service.consumes.prefix, suffix: service.consumes.suffix }]
      : [],
  );
}

/** What the stream router sends where, for one table. */
export function streamSubscriptions(catalog: Catalog, table: string): StreamSubscription[] {
  return catalog.services.flatMap((service) =>
    service.consumes.kind === 'stream' && service.consumes.table === table
      ? [
          {
            table,
            service: service.name,
            itemTypes: service.consumes.itemTypes,
            events: service.consumes.events,
            where: service.consumes.where ?? {},
            ...(service.consumes.whereByType ? { whereByType: service.consumes.whereByType } : {}),
          },
        ]
      : [],
  );
}

/** Services a given service may send messages to. */
export function downstreamServices(service: ServiceEntry): string[] {
  return service.emits.flatMap((output) => (output.kind === 'service' ? [output.service] : []));
}

/** The APIs of the catalog a service calls as their clients do. */
export function calledApis(service: Pick<ServiceEntry, 'emits'>): string[] {
  return service.emits.flatMap((output) => (output.kind === 'api' ? [output.api] : []));
}

export function findService(catalog: Catalog, name: string): ServiceEntry {
  const service = catalog.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`No service named "${name}" in the catalog.`);
  return service;
}

export function findRouter(catalog: Catalog, name: string): StreamRouterEntry {
  const router = catalog.routers.find((candidate) => candidate.name === name);
  if (!router) throw new Error(`No stream router named "${name}" in the catalog.`);
  return router;
}
