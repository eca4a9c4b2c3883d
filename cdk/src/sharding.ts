import type { ServiceEntry } from '@ndf/catalog';

/**
 * How many stacks share the services. CloudFormation takes at most 500 resources a stack and
 * a service brings about 25 (task, roles, scaling, alarms, dashboard), so one stack would be
 * full at 20 services; the platform aims at 50 and more.
 */
export const SERVICE_STACK_SHARDS = 8;

/**
 * The stack a service lives in, from its name alone (FNV-1a): adding or removing a service
 * never moves another one to another stack, which would mean deleting and re-creating it.
 */
export function serviceShard(name: string, shards = SERVICE_STACK_SHARDS): number {
  let hash = 0x811c9dc5;
  for (const character of name) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** The services of each shard that has any, in catalog order. */
export function servicesByShard(services: readonly ServiceEntry[], shards = SERVICE_STACK_SHARDS): Map<number, ServiceEntry[]> {
  const grouped = new Map<number, ServiceEntry[]>();
  for (const service of services) {
    const shard = serviceShard(service.name, shards);
    grouped.set(shard, [...(grouped.get(shard) ?? []), service]);
  }
  return new Map([...grouped.entries()].sort(([a], [b]) => a - b));
}
