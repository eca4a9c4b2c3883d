import { downstreamServices } from './wiring.js';
import type { Catalog, ServiceEntry } from './types.js';

export interface TableAccess {
  readonly table: string;
  /** Partition key patterns of its items it may touch: tenant data (T#*), or the table's own reference partitions. */
  readonly partitions: readonly string[];
  /** Reads are always granted on a table it touches; writes only where it emits. */
  readonly write: boolean;
}

export interface BucketAccess {
  readonly bucket: string;
  /** Key prefix the access is limited to. */
  readonly prefix: string;
  readonly read: boolean;
  readonly write: boolean;
  /** Read an object version's lock and delete the version (never bypassing the lock). */
  readonly expire: boolean;
}

export interface IndexAccess {
  readonly table: string;
  readonly index: string;
  /** Partition key patterns it may query, across tenants (dynamodb:LeadingKeys). */
  readonly partitions: readonly string[];
}

/** Everything a service may touch: the cloud grants exactly this, and nothing else. */
export interface ServiceAccess {
  /** Services whose queues it sends to. */
  readonly sendsTo: readonly string[];
  /** Services whose queue depth it reads. */
  readonly watchesBacklogOf: readonly string[];
  /** Index partitions outside tenant data that it queries (read only). */
  readonly indexes: readonly IndexAccess[];
  /** Tables it touches, on tenant-scoped items (or the reference partitions of a table of shared data). */
  readonly tables: readonly TableAccess[];
  readonly buckets: readonly BucketAccess[];
  /** Whether it sends email (and so reads the mail relay's secret). */
  readonly sendsEmail: boolean;
}

/** Whether a value matches an IAM-style pattern, where `*` stands for any run of characters (as in dynamodb:LeadingKeys). */
export function matchesPattern(pattern: string, value: string): boolean {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);
}

/** Partition keys of tenant data all start so (see @ndf/contracts' notes-table keys). */
export const TENANT_PARTITION_PATTERN = 'T#*';

/** The runtime table's partitions one service owns: its effect claims, attempts, quarantine, stream checkpoints. */
export function runtimePartitionPatterns(service: string): string[] {
  return [`EFFECT#${service}#*`, `ATTEMPTS#${service}#*`, `QUARANTINE#${service}`, `QUARANTINE-ID#${service}#*`, `STREAM#${service}#*`];
}

/**
 * What the quarantine's operators touch in the runtime table: every service's quarantine
 * records (read, and their status updated by a replay or discard), and the append-only audit
 * of their actions, which no service's partitions cover and operators may only add to.
 */
export const OPERATOR_PARTITION_PATTERNS = {
  records: ['QUARANTINE#*', 'QUARANTINE-ID#*'],
  audit: ['QUARANTINE-AUDIT#*'],
} as const;

/** Where a service's quarantined payloads too large for their record go, in the quarantine bucket. */
export const quarantinePayloadPrefix = (service: string): string => `quarantine/${service}/`;

/** One entry per key, each permission granted if any of its entries grants it. */
function merge<T extends object>(entries: T[], keyOf: (entry: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const entry of entries) {
    const existing = merged.get(keyOf(entry));
    const permissions = Object.entries(entry)
      .filter(([, value]) => typeof value === 'boolean')
      .map(([name, value]) => [name, value || Boolean(existing?.[name as keyof T])]);
    merged.set(keyOf(entry), { ...entry, ...Object.fromEntries(permissions) });
  }
  return [...merged.values()];
}

/** The partitions a service touching a table is granted: the table's reference partitions, else tenant data. */
export function tablePartitions(catalog: Catalog, table: string): readonly string[] {
  return catalog.tables.find((entry) => entry.name === table)?.partitions ?? [TENANT_PARTITION_PATTERN];
}

export function serviceAccess(catalog: Catalog, service: ServiceEntry): ServiceAccess {
  const tables: Omit<TableAccess, 'partitions'>[] = [];
  const buckets: BucketAccess[] = [];
  const source = service.consumes;
  if (source.kind === 'stream') tables.push({ table: source.table, write: false });
  if (source.kind === 's3') buckets.push({ bucket: source.bucket, prefix: source.prefix, read: true, write: false, expire: false });
  const indexes: IndexAccess[] = [];
  const watchesBacklogOf: string[] = [];
  for (const input of service.reads ?? []) {
    if (input.kind === 'table') tables.push({ table: input.table, write: false });
    else if (input.kind === 'bucket') buckets.push({ bucket: input.bucket, prefix: input.prefix, read: true, write: false, expire: false });
    else if (input.kind === 'index') indexes.push({ table: input.table, index: input.index, partitions: input.partitions });
    else watchesBacklogOf.push(input.service);
  }
  for (const output of service.emits) {
    if (output.kind === 'table') tables.push({ table: output.table, write: true });
    if (output.kind === 'bucket') buckets.push({ bucket: output.bucket, prefix: output.prefix, read: false, write: true, expire: false });
    if (output.kind === 'expiry') buckets.push({ bucket: output.bucket, prefix: output.prefix, read: false, write: false, expire: true });
  }
  const quarantine = catalog.buckets.find((bucket) => bucket.name === 'quarantine');
  // A quarantined payload is written there, and read back to be shown or replayed.
  if (quarantine)
    buckets.push({ bucket: quarantine.name, prefix: quarantinePayloadPrefix(service.name), read: true, write: true, expire: false });
  return {
    sendsTo: downstreamServices(service),
    watchesBacklogOf,
    indexes,
    tables: merge(tables, (entry) => entry.table).map((entry) => ({ ...entry, partitions: tablePartitions(catalog, entry.table) })),
    buckets: merge(buckets, (entry) => `${entry.bucket}/${entry.prefix}`),
    sendsEmail: service.emits.some((output) => output.kind === 'email'),
  };
}
