// Where quarantine lives in the runtime table. A record sits in its service's partition,
// sorted by the time it landed; gsi1 holds every service's records in one time order. The
// record's key holds the time, so a second item keyed by (service, id) guards against
// quarantining one message twice and points at the record.

export const ALL_SERVICES_PARTITION = 'QUARANTINE';

export const servicePartition = (service: string): string => `QUARANTINE#${service}`;

export function recordKey(service: string, quarantinedAt: string, id: string): { pk: string; sk: string } {
  return { pk: servicePartition(service), sk: `${quarantinedAt}#${id}` };
}

export function acrossServicesKey(service: string, quarantinedAt: string, id: string): { gsi1pk: string; gsi1sk: string } {
  return { gsi1pk: ALL_SERVICES_PARTITION, gsi1sk: `${quarantinedAt}#${service}#${id}` };
}

export function guardKey(service: string, id: string): { pk: string; sk: string } {
  return { pk: `QUARANTINE-ID#${service}#${id}`, sk: 'QUARANTINE-ID' };
}

export const payloadObjectKey = (service: string, id: string): string => `quarantine/${service}/${encodeURIComponent(id)}`;

/**
 * The append-only audit of operator actions on one quarantined message: outside every
 * service's partitions of the runtime table, so a service role cannot write it, and written
 * only by PutItem on a key not yet taken.
 */
export const auditPartition = (service: string, id: string): string => `QUARANTINE-AUDIT#${service}#${id}`;

export function auditKey(service: string, id: string, at: string, action: string): { pk: string; sk: string } {
  return { pk: auditPartition(service, id), sk: `${at}#${action}` };
}
