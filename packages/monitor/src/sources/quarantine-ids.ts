import { CORRELATION_ATTRIBUTE, type DynamoQuarantineStore } from '@ndf/runtime';

/** Where a quarantine alert's correlation ids come from. */
export interface QuarantineIds {
  /** The correlation ids (else the message ids) of a service's entries quarantined from `since` on, newest first. */
  newest(service: string, since: Date, limit: number): Promise<string[]>;
}

/** Entries whose correlation id is known, kept so that each is read in full once. */
const KNOWN_KEPT = 1_000;

/** The runtime's quarantine store, read for its newest entries of a service and their correlation ids. */
export function quarantineIds(store: Pick<DynamoQuarantineStore, 'list' | 'show'>): QuarantineIds {
  const known = new Map<string, string>();
  const correlationOf = async (service: string, id: string): Promise<string> => {
    const key = `${service}\u0000${id}`;
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const record = await store.show(service, id);
    const correlation = record?.attributes[CORRELATION_ATTRIBUTE] ?? id;
    known.set(key, correlation);
    if (known.size > KNOWN_KEPT) known.delete(known.keys().next().value!);
    return correlation;
  };
  return {
    async newest(service, since, limit) {
      const { items } = await store.list({ service, since, limit });
      return Promise.all(items.map((item) => correlationOf(service, item.id)));
    },
  };
}
